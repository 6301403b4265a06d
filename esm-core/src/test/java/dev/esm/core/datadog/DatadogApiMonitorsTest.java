package dev.esm.core.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.render.MonitorDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.esm.core.calls.TallyCounter;

class DatadogApiMonitorsTest {

  private FakeDatadog fake;
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private DatadogApiMonitors datadog;

  @BeforeEach
  void startFake() {
    fake = FakeDatadog.start();
    datadog = new DatadogApiMonitors(settings(fake.environment()), waits::add);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  static DatadogSettings settings(Map<String, String> env) {
    return DatadogSettings.fromEnvironment(env)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withRetries(3, Duration.ofMillis(1));
  }

  static MonitorDefinition definition(String name, String... tags) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("thresholds", Map.of("critical", 1, "critical_recovery", 0));
    options.put("notify_no_data", true);
    options.put("some_future_option", Map.of("kept", "as is"));
    return new MonitorDefinition(
        name, "metric alert", "sum(last_1h):sum:events.count{event:x}.as_count() < 1", "  Hello @team  ",
        List.of(tags), 2, options);
  }

  @Test
  void listsEveryManagedMonitorInPagesOfAThousandByIdCursor() {
    for (int i = 0; i < 2500; i++) {
      fake.seed(Map.of("name", "Monitor " + i, "type", "query alert", "query", "q", "tags", List.of("esm-prod", "event:e" + i)));
    }
    fake.seed(Map.of("name", "Someone else's", "type", "query alert", "query", "q", "tags", List.of("team:other")));

    List<RemoteMonitor> listed = datadog.listByTag("esm-prod");

    assertThat(listed).hasSize(2500);
    assertThat(listed).extracting(m -> m.definition().name()).doesNotContain("Someone else's");
    assertThat(fake.calls(FakeDatadog.LIST)).isEqualTo(3);
  }

  @Test
  void keepsOnlyMonitorsThatCarryExactlyTheIdentityTag() {
    fake.seed(Map.of("name", "Ours", "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    fake.seed(Map.of("name", "Look-alike", "type", "query alert", "query", "q", "tags", List.of("esm-prod-old", "esm-production")));
    fake.ignoreTagFilter();

    assertThat(datadog.listByTag("esm-prod")).extracting(m -> m.definition().name()).containsExactly("Ours");
  }

  @Test
  void leavesAMonitorSomeoneSetToDraftInDraftWhenUpdatingIt() {
    long id = fake.seed(Map.of("name", "Ours", "type", "query alert", "query", "q", "tags", List.of("esm-prod"),
        "draft_status", "draft"));

    datadog.update(id, definition("Ours", "esm-prod"));
    datadog.listByTag("esm-prod");
    datadog.update(id, definition("Ours", "esm-prod"));

    assertThat(fake.monitor(id).orElseThrow().path("draft_status").asText()).isEqualTo("draft");
    assertThat(fake.monitor(id).orElseThrow().path("query").asText()).startsWith("sum(last_1h)");
  }

  @Test
  void stopsWithAnErrorWhenAPageBringsNoNewMonitor() {
    for (int i = 0; i < DatadogApiMonitors.PAGE_SIZE; i++) {
      fake.seed(Map.of("name", "Ours " + i, "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    }
    fake.ignoreIdOffset();

    assertThatThrownBy(() -> datadog.listByTag("esm-prod"))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("did not move past id")
        .hasMessageContaining("(page 2)");
    assertThat(fake.calls(FakeDatadog.LIST)).isEqualTo(2);
  }

  @Test
  void createsUpdatesAndDeletesThroughTheClient() {
    RemoteMonitor created = datadog.create(definition("  Traffic Drop with CartEvent ", "esm-prod", "event:cartevent"));

    assertThat(created.id()).isPositive();
    assertThat(created.definition().name()).isEqualTo("Traffic Drop with CartEvent");
    assertThat(created.definition().type()).isEqualTo("query alert");
    assertThat(created.definition().options()).containsEntry("some_future_option", Map.of("kept", "as is"));
    assertThat(fake.monitor(created.id()).orElseThrow().path("options").path("some_future_option").path("kept").asText())
        .isEqualTo("as is");

    MonitorDefinition changed =
        new MonitorDefinition("Traffic Drop with CartEvent", "query alert", "changed", "", List.of("esm-prod"), 1, Map.of());
    RemoteMonitor updated = datadog.update(created.id(), changed);
    assertThat(updated.definition().query()).isEqualTo("changed");
    assertThat(updated.definition().priority()).isEqualTo(1);

    datadog.delete(created.id());
    assertThat(fake.monitor(created.id())).isEmpty();
    assertThat(fake.forcedDeletes()).isZero();
  }

  @Test
  void clearsThePriorityWhenTheAnnotationDropsIt() {
    RemoteMonitor created = datadog.create(definition("Prioritised", "esm-prod"));
    MonitorDefinition d = created.definition();

    RemoteMonitor updated =
        datadog.update(created.id(), new MonitorDefinition(d.name(), d.type(), d.query(), d.message(), d.tags(), null, d.options()));

    assertThat(created.definition().priority()).isEqualTo(2);
    assertThat(updated.definition().priority()).isNull();
    assertThat(fake.monitor(created.id()).orElseThrow().path("priority").isNull()).isTrue();
  }

  @Test
  void asksOnceWhichMonitorsCannotBeDeleted() {
    long free = fake.seed(Map.of("name", "a", "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    long slo = fake.seed(Map.of("name", "b", "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    long composite = fake.seed(Map.of("name", "c", "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    fake.markUsedBySlo(slo, "abc123");
    fake.markUsedByComposite(composite, 77);

    Map<Long, String> blockers = datadog.deletionBlockers(List.of(free, slo, composite));

    assertThat(blockers).containsOnlyKeys(slo, composite);
    assertThat(blockers.get(slo)).contains("slos").contains("abc123");
    assertThat(fake.calls(FakeDatadog.CAN_DELETE)).isEqualTo(1);
    assertThat(datadog.deletionBlockers(List.of(free))).isEmpty();
  }

  @Test
  void refusesToDeleteAMonitorUsedByAnSlo() {
    long slo = fake.seed(Map.of("name", "b", "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    fake.markUsedBySlo(slo, "abc123");

    assertThatThrownBy(() -> datadog.delete(slo))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("(400)")
        .hasMessageContaining("abc123");
    assertThat(fake.monitor(slo)).isPresent();
  }

  @Test
  void retriesThrottledCallsWaitingForTheRateLimitReset() {
    fake.throttleNext(2, 7);

    assertThat(datadog.listByTag("esm-prod")).isEmpty();

    assertThat(fake.calls(FakeDatadog.LIST)).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void countsEveryHttpRequestItsRetriesAndTheFailedOnes() {
    TallyCounter counter = new TallyCounter();
    DatadogApiMonitors counted = new DatadogApiMonitors(settings(fake.environment()), waits::add, counter);
    fake.throttleNext(2, 7);

    counted.listByTag("esm-prod");

    assertThat(counter.calls()).isEqualTo(3);
    assertThat(counter.errors()).isEqualTo(2);
    counted.close();
  }

  @Test
  void retriesServerErrorsWithBackoff() {
    RemoteMonitor created = datadog.create(definition("Retried", "esm-prod"));
    fake.failNext(2, 503);

    datadog.update(created.id(), definition("Retried", "esm-prod", "team:cart"));

    assertThat(fake.monitor(created.id()).orElseThrow().path("tags").toString()).contains("team:cart");
    assertThat(fake.calls(FakeDatadog.UPDATE)).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void sendsAThrottledCreateAgainAfterTheRateLimitReset() {
    fake.throttleNext(1, 5);

    datadog.create(definition("Throttled", "esm-prod"));

    assertThat(fake.monitorsNamed("Throttled")).hasSize(1);
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void neverSendsACreateAgainAfterAServerErrorButSaysItsOutcomeIsUnknown() {
    fake.failNext(1, 502);

    assertThatThrownBy(() -> datadog.create(definition("Unknown", "esm-prod")))
        .isInstanceOfSatisfying(DatadogException.class, e -> {
          assertThat(e.isTimeout()).as("outcome unknown").isTrue();
          assertThat(e.status()).isEqualTo(502);
        })
        .hasMessage("Datadog failed (502) while creating monitor 'Unknown'; it may still have taken effect");
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(1);
  }

  @Test
  void quotesOnlyDatadogsErrorStringsShortenedAndNeverAKey() throws Exception {
    String body = "{\"errors\": [\"Invalid query: " + "x".repeat(5_000) + "\", \"key " + FakeDatadog.API_KEY
        + " is not allowed\", \"third\", \"fourth\", {\"nested\": \"object\"}], \"request\": {\"echo\": \"whole body\"}}";
    fake.answerNextWith(400, new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));

    assertThatThrownBy(() -> datadog.update(7, definition("Echoed", "esm-prod")))
        .isInstanceOf(DatadogException.class)
        .hasMessage("Datadog rejected updating monitor 7 'Echoed' (400): Invalid query: " + "x".repeat(185)
            + "…; key [secret] is not allowed; third; and 1 more");
  }

  @Test
  void reportsAServerErrorThatOutlastsTheRetries() {
    fake.failNext(10, 500);

    assertThatThrownBy(() -> datadog.listByTag("esm-prod"))
        .isInstanceOfSatisfying(DatadogException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageContaining("Datadog failed (500) listing the monitors tagged esm-prod")
        .hasMessageContaining("after 3 retries");
    assertThat(fake.calls(FakeDatadog.LIST)).isEqualTo(4);
  }

  @Test
  void neverReturnsAPartialListing() {
    for (int i = 0; i < 1000; i++) {
      fake.seed(Map.of("name", "Monitor " + i, "type", "query alert", "query", "q", "tags", List.of("esm-prod")));
    }
    DatadogApiMonitors noRetries =
        new DatadogApiMonitors(settings(fake.environment()).withRetries(0, Duration.ofMillis(1)), waits::add);
    fake.failAfter(1, 1, 502);

    assertThatThrownBy(() -> noRetries.listByTag("esm-prod"))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("(page 2)");
    assertThat(fake.calls(FakeDatadog.LIST)).isEqualTo(2);
  }

  @Test
  void explainsARefusedKeyWithoutShowingIt() {
    Map<String, String> env = new HashMap<>(fake.environment());
    env.put("DD_API_KEY", "wrong-api-key-secret");
    env.put("DD_APP_KEY", "wrong-app-key-secret");
    DatadogApiMonitors refused = new DatadogApiMonitors(settings(env), waits::add);

    assertThatThrownBy(() -> refused.listByTag("esm-prod"))
        .isInstanceOfSatisfying(DatadogException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.kind()).isEqualTo(EsmException.Kind.REMOTE);
        })
        .hasMessageStartingWith("Datadog refused the API or application key (403)")
        .hasMessageNotContaining("wrong-api-key-secret")
        .hasMessageNotContaining("wrong-app-key-secret");
    assertThat(refused.settings().toString()).doesNotContain("wrong-api-key-secret").doesNotContain("wrong-app-key-secret");
  }

  @Test
  void reportsATimeoutAsSuch() {
    DatadogApiMonitors impatient =
        new DatadogApiMonitors(
            settings(fake.environment()).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200)), waits::add);
    fake.delayNextCreateAnswer(Duration.ofMillis(800));

    assertThatThrownBy(() -> impatient.create(definition("Slow", "esm-prod")))
        .isInstanceOfSatisfying(DatadogException.class, e -> assertThat(e.isTimeout()).isTrue())
        .hasMessageContaining("did not answer within 200ms while creating monitor 'Slow'");
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(1);
  }

  @Test
  void reportsAnUnreachableDatadog() {
    int port = fake.baseUrl().getPort();
    fake.close();
    Map<String, String> env = new HashMap<>(fake.environment());
    env.put("ESM_DATADOG_URL", "http://127.0.0.1:" + port);

    assertThatThrownBy(() -> new DatadogApiMonitors(settings(env), waits::add).listByTag("esm-prod"))
        .isInstanceOfSatisfying(DatadogException.class, e -> assertThat(e.isTimeout()).isFalse())
        .hasMessageContaining("Datadog could not be reached at http://127.0.0.1:" + port);
    fake = FakeDatadog.start();
  }

  @Test
  void linksMonitorsToTheSitesWebApp() {
    Map<String, String> keys = Map.of("DD_API_KEY", "k", "DD_APP_KEY", "a");
    assertThat(new DatadogApiMonitors(DatadogSettings.fromEnvironment(keys)).monitorUrl(123))
        .isEqualTo(URI.create("https://app.datadoghq.com/monitors/123"));
    Map<String, String> eu = new HashMap<>(keys);
    eu.put("DD_SITE", "datadoghq.eu");
    assertThat(new DatadogApiMonitors(DatadogSettings.fromEnvironment(eu)).monitorUrl(123))
        .isEqualTo(URI.create("https://app.datadoghq.eu/monitors/123"));
    assertThat(datadog.monitorUrl(123)).isEqualTo(URI.create(fake.baseUrl() + "/monitors/123"));
  }
}
