package dev.esm.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.esm.core.calls.CallCounter;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.github.HookDeliveries;
import dev.esm.store.CommandStore;
import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import dev.esm.store.TestPostgres;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missed deliveries fetched back as a GitHub App: the App's delivery list read page by page back
 * to the last position (at most 3 days), and one redelivery request for each delivery of an
 * event ESM acts on with no 2xx attempt and not accepted by ESM; never twice, not after a restart,
 * not by another replica.
 */
class DeliveryRecoveryTest {

  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static GitHubStub github;
  static KeyPair keys;
  @TempDir Path dataDir;
  final AtomicInteger calls = new AtomicInteger();
  final CallCounter counter = new CallCounter() {
    @Override
    public void call() {
      calls.incrementAndGet();
    }

    @Override
    public void error() {}
  };

  @BeforeAll
  static void start() throws Exception {
    github = new GitHubStub();
    keys = GitHubStub.appKeys();
  }

  @AfterAll
  static void stop() {
    github.close();
  }

  @BeforeEach
  void reset() {
    github.reset();
    github.wireMock().stubFor(post(urlPathMatching("/app/hook/deliveries/\\d+/attempts"))
        .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")));
  }

  private HookDeliveries appDeliveries() {
    return GitHubClients.asApp(github.url(), "1084413", keys.getPrivate(), counter).hookDeliveries().orElseThrow();
  }

  private static String attempt(long id, String guid, Duration ago, int status, String event, String action) {
    return "{\"id\":" + id + ",\"guid\":\"" + guid + "\",\"delivered_at\":\"" + NOW.minus(ago) + "\",\"redelivery\":false,"
        + "\"duration\":0.1,\"status\":\"" + (status == 0 ? "timed out" : "HTTP " + status) + "\",\"status_code\":" + status
        + ",\"event\":\"" + event + "\",\"action\":" + (action == null ? "null" : "\"" + action + "\"")
        + ",\"installation_id\":7,\"repository_id\":1}";
  }

  /** Page {@code n} of the delivery list (cursor {@code v1_n}; the first has none), linking the next when asked. */
  private void page(int n, boolean linksNext, String... attempts) {
    String url = "/app/hook/deliveries?per_page=100" + (n == 1 ? "" : "&cursor=v1_" + n);
    var answer = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("[" + String.join(",", attempts) + "]");
    if (linksNext) {
      answer = answer.withHeader("Link", "<" + github.url() + "/app/hook/deliveries?per_page=100&cursor=v1_" + (n + 1)
          + ">; rel=\"next\", <" + github.url() + "/app/hook/deliveries?per_page=100>; rel=\"first\"");
    }
    github.wireMock().stubFor(get(urlEqualTo(url)).willReturn(answer));
  }

  /** The two pages of the usual scene; a third page exists but lies beyond the 3 days. */
  private void scene() {
    page(1, true,
        attempt(110, "redelivered-ok", Duration.ofMinutes(1), 202, "issue_comment", "created"),
        attempt(109, "failed-comment", Duration.ofMinutes(2), 503, "issue_comment", "created"),
        attempt(108, "ok", Duration.ofMinutes(3), 202, "issue_comment", "created"),
        attempt(107, "processed", Duration.ofMinutes(4), 0, "issue_comment", "created"),
        attempt(106, "asked-before", Duration.ofMinutes(5), 503, "issue_comment", "created"),
        attempt(105, "push", Duration.ofMinutes(6), 503, "push", null),
        attempt(104, "edited-comment", Duration.ofMinutes(7), 503, "issue_comment", "edited"));
    page(2, true,
        attempt(103, "redelivered-ok", Duration.ofHours(1), 503, "issue_comment", "created"),
        attempt(102, "failed-push-to-pr", Duration.ofHours(2), 500, "pull_request", "synchronize"),
        attempt(101, "too-old", Duration.ofDays(3).plusMinutes(1), 503, "issue_comment", "created"),
        attempt(100, "older-still", Duration.ofDays(3).plusHours(1), 503, "issue_comment", "created"));
    page(3, false, attempt(99, "beyond", Duration.ofDays(4), 503, "issue_comment", "created"));
  }

  /** A store where "processed" was accepted and "asked-before" asked for already. */
  private static CommandStore store(Database database) {
    CommandStore store = new CommandStore(database, CLOCK);
    store.remember("processed");
    store.askRedelivery("asked-before");
    return store;
  }

  private static List<String> redeliveries() {
    List<String> ids = new ArrayList<>();
    for (LoggedRequest request : github.wireMock().findAll(postRequestedFor(urlPathMatching("/app/hook/deliveries/.*")))) {
      ids.add(request.getUrl().replaceAll("\\D+", " ").trim());
    }
    return ids;
  }

  @Test
  void asksOnceForEachFailedDeliveryOfAnEventEsmActsOnThatItHasNotAccepted() throws Exception {
    scene();
    try (Database database = Database.open(StoreSettings.embedded(dataDir))) {
      DeliveryRecovery.Round round = new DeliveryRecovery(appDeliveries(), store(database), CLOCK).round();

      assertThat(round.asked()).containsExactly("failed-comment", "failed-push-to-pr");
      assertThat(round.listed()).isEqualTo(9);
    }
    assertThat(redeliveries()).containsExactlyInAnyOrder("109", "102");
    github.wireMock().verify(1, getRequestedFor(urlEqualTo("/app/hook/deliveries?per_page=100&cursor=v1_2")));
    github.wireMock().verify(0, getRequestedFor(urlEqualTo("/app/hook/deliveries?per_page=100&cursor=v1_3")));
    // As the App itself (its JWT), not an installation token; every request counted like any other.
    github.wireMock().verify(2, getRequestedFor(urlPathEqualTo("/app/hook/deliveries"))
        .withHeader("Authorization", matching("Bearer .+")));
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void aRestartOnTheSameDataDirectoryAsksForNothingAgainAndReadsOnlyWhatIsNew() throws Exception {
    scene();
    try (Database database = Database.open(StoreSettings.embedded(dataDir))) {
      new DeliveryRecovery(appDeliveries(), store(database), CLOCK).round();
    }
    assertThat(redeliveries()).hasSize(2);
    github.wireMock().resetRequests();

    try (Database reopened = Database.open(StoreSettings.embedded(dataDir))) {
      DeliveryRecovery.Round again = new DeliveryRecovery(appDeliveries(), new CommandStore(reopened, CLOCK), CLOCK).round();
      assertThat(again.asked()).isEmpty();
    }
    assertThat(redeliveries()).isEmpty();
    // The position was kept: the first page reaches back past it, so the second is not read again.
    github.wireMock().verify(0, getRequestedFor(urlEqualTo("/app/hook/deliveries?per_page=100&cursor=v1_2")));
  }

  @Test
  void twoReplicasOnOnePostgresAskForEachDeliveryOnce() throws Exception {
    scene();
    StoreSettings shared = TestPostgres.newDatabase();
    try (Database one = Database.open(shared); Database two = Database.open(shared)) {
      DeliveryRecovery first = new DeliveryRecovery(appDeliveries(), store(one), CLOCK);
      DeliveryRecovery second = new DeliveryRecovery(appDeliveries(), new CommandStore(two, CLOCK), CLOCK);
      List<String> asked = new ArrayList<>(first.round().asked());
      asked.addAll(second.round().asked());
      assertThat(asked).containsExactlyInAnyOrder("failed-comment", "failed-push-to-pr");
    }
    assertThat(redeliveries()).containsExactlyInAnyOrder("109", "102");
  }

  @Test
  void aRedeliveryGitHubRefusedIsAskedForAgainNextRound() throws Exception {
    page(1, false, attempt(200, "refused-once", Duration.ofMinutes(1), 503, "issue_comment", "created"));
    github.wireMock().stubFor(post(urlEqualTo("/app/hook/deliveries/200/attempts"))
        .willReturn(aResponse().withStatus(422).withBody("{\"message\":\"Validation Failed\"}")));
    try (Database database = Database.inMemory()) {
      CommandStore store = new CommandStore(database, CLOCK);
      DeliveryRecovery recovery = new DeliveryRecovery(appDeliveries(), store, CLOCK);
      assertThat(recovery.round().asked()).isEmpty();
      assertThat(store.recoveryPosition()).isZero(); // not moved past what still has to be asked for

      github.wireMock().stubFor(post(urlEqualTo("/app/hook/deliveries/200/attempts")).willReturn(aResponse().withStatus(202)));
      assertThat(recovery.round().asked()).containsExactly("refused-once");
      assertThat(recovery.round().asked()).isEmpty();
    }
    assertThat(redeliveries()).containsExactly("200", "200");
  }

  // ---------------------------------------------------------------- through the service

  private WebhookServer server(GitHubClients clients) {
    ServiceConfiguration configuration = ServiceConfiguration.of(0, "secret", List.of("acme/event-schemas"), List.of());
    return WebhookServer.create(configuration, clients, new RecordingEngine(), new WebhookMetrics()).start();
  }

  @Test
  void theServiceAsksAtStartAsAnApp() throws Exception {
    page(1, false, attempt(300, "missed-at-start", Duration.ofSeconds(30), 503, "issue_comment", "created"));
    try (WebhookServer server = server(GitHubClients.asApp(github.url(), "1084413", keys.getPrivate(), counter))) {
      server.recoverMissedDeliveries(Duration.ofHours(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (redeliveries().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50); // the first round runs in the background; a poll with a generous bound
      }
    }
    assertThat(redeliveries()).containsExactly("300");
  }

  @Test
  void aRecoverIntervalOfZeroTurnsRecoveryOff() throws Exception {
    page(1, false, attempt(400, "missed", Duration.ofSeconds(30), 503, "issue_comment", "created"));
    try (LogCapture log = new LogCapture();
        WebhookServer server = server(GitHubClients.asApp(github.url(), "1084413", keys.getPrivate(), counter))) {
      server.recoverMissedDeliveries(Duration.ZERO);
      assertThat(log.text()).contains("missed-delivery recovery is off (github.recover_interval: 0)");
    }
    assertThat(github.wireMock().findAll(getRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void withATokenRecoverySaysOnceThatItNeedsAnAppAndCallsNothing() throws Exception {
    try (LogCapture log = new LogCapture();
        WebhookServer server = server(GitHubClients.withToken(github.url(), "ghp_test", counter))) {
      server.recoverMissedDeliveries(Duration.ofMinutes(10));
      assertThat(log.text().split("missed-delivery recovery needs a GitHub App", -1)).hasSize(2);
    }
    assertThat(github.wireMock().getAllServeEvents()).isEmpty();
    assertThat(calls.get()).isZero();
  }
}
