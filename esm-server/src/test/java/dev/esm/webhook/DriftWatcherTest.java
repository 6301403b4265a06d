package dev.esm.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Registration;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.GitHubClients;
import dev.esm.store.CommandStore;
import dev.esm.store.Database;
import dev.esm.store.NewCommand;
import dev.esm.github.GitHubStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's drift loop with a short interval, against the Datadog stand-in, WireMock GitHub
 * (with a stateful issues stand-in) and a Slack stand-in: the issue is opened, updated in place,
 * closed when drift is gone and reopened when it returns; Slack hears of each drift once.
 */
class DriftWatcherTest {

  private static final String REPO = GitHubStub.REPO;
  private static final String ANOMALY = "Traffic Anomaly with AddToCartEvent";
  private static final Path SCHEMAS = Path.of("../schemas");

  private FakeDatadog datadog;
  private DatadogApiMonitors client;
  private IssuesStandIn issues;
  private GitHubStub gitHub;
  private WireMockServer slack;
  private CommandStore store;
  private DurableCommandQueue queue;
  private DriftWatcher watcher;
  private WebhookMetrics metrics;

  @BeforeEach
  void setUp() throws IOException {
    datadog = FakeDatadog.start();
    client = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment()).withRetries(0, Duration.ofMillis(1)));
    issues = new IssuesStandIn(GitHubStub.SELF);
    gitHub = new GitHubStub(0, issues);
    issues.baseUrl(gitHub.url());
    WireMockServer wireMock = gitHub.wireMock();
    wireMock.stubFor(get(urlEqualTo("/user")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"login\":\"" + GitHubStub.SELF + "\",\"id\":1,\"type\":\"User\"}")));
    gitHub.repository(REPO, "main");
    wireMock.stubFor(any(urlPathMatching("/repos/" + REPO + "/issues.*")).willReturn(aResponse().withTransformers(IssuesStandIn.NAME)));
    gitHub.zipball(REPO, "main", schemaFiles());
    slack = new WireMockServer(options().dynamicPort());
    slack.start();
    slack.stubFor(post(urlEqualTo("/slack")).willReturn(aResponse().withStatus(200)));
    store = new CommandStore(Database.inMemory(), java.time.Clock.systemUTC());
    metrics = new WebhookMetrics();
  }

  @AfterEach
  void tearDown() {
    if (watcher != null) {
      watcher.stop();
    }
    registering.countDown();
    if (queue != null) {
      queue.shutdown(Duration.ofSeconds(5), () -> {});
    }
    slack.stop();
    gitHub.close();
    datadog.close();
  }

  private EsmConfig config(String drift) {
    return new ConfigLoader().parse("github:\n  repositories: [" + REPO + "]\n" + drift, Path.of("esm.yaml"));
  }

  private void start(EsmConfig config) {
    start(config, SecretMasker.NONE);
  }

  private void start(EsmConfig config, SecretMasker secrets) {
    watcher = new DriftWatcher(config, client, GitHubClients.withToken(gitHub.url(), "t0ken", metrics.github()), metrics,
        new SlackAnnouncer(URI.create(slack.baseUrl() + "/slack")), secrets);
    // Drift checks run as stored commands of the durable queue, as in the service.
    queue = new DurableCommandQueue(store, "test-replica", 2, Duration.ofSeconds(30), this::work, metrics);
    queue.start();
    watcher.start(store, queue::stored);
  }

  /** Released when the comment command queued before the drift checks may finish. */
  private final java.util.concurrent.CountDownLatch registering = new java.util.concurrent.CountDownLatch(1);

  /** The service's dispatch, cut down: drift checks to the watcher, a comment command waits for {@link #registering}. */
  private String work(dev.esm.store.StoredCommand command, DurableCommandQueue.Lease lease) {
    if (DriftWatcher.WORD.equals(command.word())) {
      return watcher.run(command, lease);
    }
    try {
      registering.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "registered";
  }

  /** What the service would have registered from the default branch. */
  private void registerDefaultBranch(EsmConfig config) {
    Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(SCHEMAS)),
        new RenderContext("https://github.com/" + REPO, "main", null));
    Reconciler reconciler = new Reconciler(config, client);
    reconciler.apply(reconciler.plan(rendering, rendering.eventTags(), rendering.eventTags(),
        Registration.KEEPING_LAST_PULL_REQUEST));
  }

  private long idOf(String name) {
    return datadog.monitorsNamed(name).get(0).get("id").asLong();
  }

  private void editQueryInDatadog(long id) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(datadog.baseUrl() + "/api/v1/monitor/" + id))
        .header("DD-API-KEY", FakeDatadog.API_KEY).header("DD-APPLICATION-KEY", FakeDatadog.APP_KEY)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"query\":\"avg(last_4h):sum:by.hand{*} > 1\"}")).build();
    assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  private List<String> slackTexts() {
    ObjectMapper json = new ObjectMapper();
    return slack.getAllServeEvents().stream()
        .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .map(e -> {
          try {
            return json.readTree(e.getRequest().getBodyAsString()).get("text").asText();
          } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
        }).toList();
  }

  private String gauge(String kind) {
    return metrics.scrape().lines()
        .filter(l -> l.startsWith("esm_drift_monitors{") && l.contains("kind=\"" + kind + "\"") && l.contains("repository=\"" + REPO + "\""))
        .findFirst().orElse("");
  }

  private int checks() {
    return (int) gitHub.requests().stream().filter(r -> r.getUrl().equals("/repos/" + REPO)).count();
  }

  private void awaitChecks(int more) {
    int target = checks() + more;
    await(() -> checks() >= target && store.unfinished() == 0, "drift checks");
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void opensUpdatesClosesAndReopensOneIssueAndAnnouncesEachDriftOnce() throws Exception {
    EsmConfig config = config("drift:\n  interval: 1s\n");
    registerDefaultBranch(config);
    start(config);

    awaitChecks(1);
    assertThat(gauge("edited")).endsWith(" 0.0");
    assertThat(issues.issues()).isEmpty();
    assertThat(slackTexts()).isEmpty();

    long edited = idOf(ANOMALY);
    editQueryInDatadog(edited);
    await(() -> issues.issues().size() == 1, "the drift issue");
    awaitChecks(2);
    JsonNode issue = issues.issues().get(0);
    assertThat(issue.get("title").asText()).isEqualTo("ESM drift report");
    assertThat(issue.get("state").asText()).isEqualTo("open");
    assertThat(issue.get("body").asText()).isEqualTo(
        "ESM compared Datadog with the default branch `main` of " + REPO + ": 1 monitor no longer matches it.\n\n"
        + "| monitor | drift | owner |\n|---|---|---|\n"
        + "| [" + ANOMALY + "](" + datadog.baseUrl() + "/monitors/" + edited + ") (ID " + edited + ") | edited in Datadog: `query` | team-cart |\n"
        + "\n**What to do**\n\n"
        + "- *edited in Datadog*: someone changed the monitor in Datadog. To keep the change, put it into the `@monitor`"
        + " annotation in a pull request and comment `esm register` on it; to drop it, comment `esm register` on a pull"
        + " request that touches the schema.\n"
        + "- Or set `drift.repair: true` in ESM's configuration: each check then makes Datadog match the default branch.\n"
        + "\n<!-- esm-drift-state: edited|" + ANOMALY + " -->\n");
    assertThat(gauge("edited")).endsWith(" 1.0");
    assertThat(gauge("missing")).endsWith(" 0.0");
    assertThat(slackTexts()).containsExactly("*Drift* in <https://github.com/" + REPO + "|" + REPO + ">: 1 monitor left the"
        + " default branch `main`\n• edited in Datadog: <" + datadog.baseUrl() + "/monitors/" + edited + "|" + ANOMALY + ">\n"
        + "<https://github.com/" + REPO + "/issues/1|ESM drift report>");
    assertThat(gitHub.calls()).noneMatch(c -> c.startsWith("PATCH"));

    String missing = "Traffic Drop (weekday) with CheckoutStartedEvent";
    datadog.remove(idOf(missing));
    await(() -> issues.issues().get(0).get("body").asText().contains(missing), "the issue updated in place");
    awaitChecks(1);
    assertThat(issues.issues()).hasSize(1);
    assertThat(issues.issues().get(0).get("body").asText())
        .containsPattern("\\| " + java.util.regex.Pattern.quote(missing) + ", declared in \\[cart/cart_events.avdl\\]\\(https://github.com/"
            + REPO + "/blob/main/cart/cart_events.avdl#L4\\d\\) \\| missing \\| team-cart \\|");
    assertThat(slackTexts()).hasSize(2);
    assertThat(slackTexts().get(1)).contains("• missing: " + missing).doesNotContain(ANOMALY);

    registerDefaultBranch(config);
    await(() -> issues.issues().get(0).get("state").asText().equals("closed"), "the issue closed");
    awaitChecks(1);
    assertThat(issues.comments()).containsExactly(
        "#1: No drift any more: every managed monitor matches the default branch `main`. Closing.");
    assertThat(gauge("edited")).endsWith(" 0.0");
    assertThat(gauge("missing")).endsWith(" 0.0");

    editQueryInDatadog(idOf(ANOMALY));
    await(() -> issues.issues().get(0).get("state").asText().equals("open"), "the issue reopened");
    awaitChecks(1);
    assertThat(issues.issues()).hasSize(1);
    assertThat(slackTexts()).hasSize(3);
    assertThat(slackTexts().get(2)).contains("• edited in Datadog: ");
  }

  @Test
  void theDriftIssueIsWrittenThroughTheSecretMasker() throws Exception {
    EsmConfig config = config("drift:\n  interval: 1s\n");
    registerDefaultBranch(config);
    start(config, SecretMasker.of(List.of("team-cart")));

    long edited = idOf(ANOMALY);
    editQueryInDatadog(edited);
    await(() -> issues.issues().size() == 1, "the drift issue");

    assertThat(issues.issues().get(0).get("body").asText())
        .contains("| edited in Datadog: `query` | " + SecretMasker.MASK + " |")
        .doesNotContain("team-cart");
  }

  @Test
  void repairsWhatDriftedInPlaceAndSaysSoOnTheIssueAndInSlack() throws Exception {
    EsmConfig config = config("drift:\n  interval: 1s\n  repair: true\n");
    registerDefaultBranch(config);
    long edited = idOf(ANOMALY);
    editQueryInDatadog(edited);
    start(config);

    await(() -> !issues.issues().isEmpty() && issues.issues().get(0).get("state").asText().equals("closed"), "the repair noted");
    awaitChecks(1);

    assertThat(datadog.monitor(edited).orElseThrow().get("query").asText()).startsWith("avg(last_4h):anomalies(");
    assertThat(datadog.monitorsNamed(ANOMALY)).hasSize(1);
    assertThat(issues.issues().get(0).get("body").asText()).contains("Repaired at the last check (`drift.repair: true`):\n"
        + "- updated: [" + ANOMALY + "](" + datadog.baseUrl() + "/monitors/" + edited + ")");
    assertThat(issues.comments()).containsExactly("#1: ESM repaired the drift: every managed monitor matches the default"
        + " branch `main` again. Closing.");
    assertThat(slackTexts()).containsExactly("*Repaired* <https://github.com/" + REPO + "|" + REPO + ">: Datadog made to"
        + " match the default branch `main`\n• updated: <" + datadog.baseUrl() + "/monitors/" + edited + "|" + ANOMALY + ">");
    assertThat(gauge("edited")).endsWith(" 0.0");
  }

  @Test
  void aCheckThatCannotReachDatadogChangesNeitherTheIssueNorTheGauge() throws Exception {
    EsmConfig config = config("drift:\n  interval: 1s\n");
    registerDefaultBranch(config);
    editQueryInDatadog(idOf(ANOMALY));
    datadog.failNext(1000, 503);
    start(config);

    awaitChecks(2);

    assertThat(issues.issues()).isEmpty();
    assertThat(gauge("edited")).isEmpty();
    assertThat(slackTexts()).isEmpty();
  }

  @Test
  void waitsForTheCommandRunningOnTheRepositoryBeforeChecking() throws Exception {
    EsmConfig config = config("drift:\n  interval: 1s\n");
    registerDefaultBranch(config);
    store.accept(new NewCommand("d-1", REPO.toLowerCase(java.util.Locale.ROOT), 1, "register", "{}"));
    start(config);

    Thread.sleep(2500);
    int whileRegistering = checks();
    // Rounds came and went meanwhile: one drift check waits in the store, not one per round.
    int waiting = store.unfinished(REPO.toLowerCase(java.util.Locale.ROOT));
    registering.countDown();
    awaitChecks(1);

    assertThat(whileRegistering).isZero();
    assertThat(waiting).isEqualTo(2);
    assertThat(gauge("edited")).endsWith(" 0.0");
  }

  @Test
  void theServiceRunsItsDriftChecksAsStoredCommands() throws Exception {
    EsmConfig config = config("drift:\n  interval: 1s\n");
    registerDefaultBranch(config);
    editQueryInDatadog(idOf(ANOMALY));
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    GitHubClients clients = GitHubClients.withToken(gitHub.url(), "t0ken", metrics.github());
    Database database = Database.inMemory();
    try (WebhookServer server = WebhookServer.create(service, clients, new RecordingEngine(), metrics, config,
        SecretMasker.NONE, database, Duration.ofSeconds(30)).start()) {
      watcher = new DriftWatcher(config, client, clients, metrics, new SlackAnnouncer(URI.create(slack.baseUrl() + "/slack")));
      server.watchDrift(watcher);
      // Each round queues one check of the repository in the store, and the queue runs it.
      CommandStore store = new CommandStore(database, java.time.Clock.systemUTC());
      String repository = REPO.toLowerCase(java.util.Locale.ROOT);
      await(() -> !store.outcomes(repository, DriftWatcher.WORD).isEmpty(), "the service's drift check");
      assertThat(gauge("edited")).endsWith(" 1.0");
      assertThat(store.outcomes(repository, DriftWatcher.WORD)).containsOnly("checked");
    }
    assertThat(issues.issues()).hasSize(1);
  }

  private static Map<String, String> schemaFiles() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(SCHEMAS)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(SCHEMAS.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    return files;
  }
}
