package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.esm.core.datadog.fake.FakeDatadog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esm drift} against the Datadog stand-in, each kind of drift made as people make it. */
class DriftCommandTest {

  private static final String ANOMALY = "Traffic Anomaly with AddToCartEvent";

  @TempDir Path repo;
  FakeDatadog datadog;

  @BeforeEach
  void setUp() throws IOException {
    datadog = FakeDatadog.start();
    PlanAndApplyCommandTest.copyTree(Path.of("../schemas"), repo);
  }

  @AfterEach
  void tearDown() {
    datadog.close();
  }

  private CliRun esm(String... args) {
    return CliRun.withEnvironment(datadog.environment(), args);
  }

  private long idOf(String name) {
    return datadog.monitorsNamed(name).get(0).get("id").asLong();
  }

  /** A change saved in Datadog's UI: a partial PUT of the fields the user touched. */
  private void editInDatadog(long id, Map<String, Object> fields) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(datadog.baseUrl() + "/api/v1/monitor/" + id))
        .header("DD-API-KEY", FakeDatadog.API_KEY).header("DD-APPLICATION-KEY", FakeDatadog.APP_KEY)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(fields))).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void findsNoDriftRightAfterApplyAndNeverWrites() {
    esm("apply", repo.toString());
    datadog.resetCalls();

    CliRun run = esm("drift", repo.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("No drift. 16 monitors match the schemas.\n");
    assertThat(datadog.writes()).isZero();
    assertThat(datadog.calls()).containsOnlyKeys(FakeDatadog.LIST);
  }

  @Test
  void everyMonitorEsmWritesCarriesItsFingerprintAndPlanShowsNoPerpetualChange() {
    esm("apply", repo.toString());

    assertThat(datadog.monitors()).allSatisfy(m ->
        assertThat(m.get("tags").toString()).containsPattern("\"esm-digest:[0-9a-f]{16}\""));
    assertThat(esm("plan", "--detailed-exitcode", repo.toString()).status()).isZero();
  }

  @Test
  void reportsAnEditInDatadogFieldByField() throws Exception {
    esm("apply", repo.toString());
    long id = idOf(ANOMALY);
    Map<String, Object> options = new ObjectMapper().convertValue(datadog.monitor(id).orElseThrow().get("options"), Map.class);
    options.put("thresholds", Map.of("critical", 2, "critical_recovery", 0));
    editInDatadog(id, Map.of("options", options, "priority", 5));
    datadog.resetCalls();

    CliRun run = esm("drift", repo.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEqualTo("edited in Datadog: " + ANOMALY + " (id " + id + ") " + datadog.baseUrl() + "/monitors/" + id + "\n"
        + "    priority: written 2, Datadog 5\n"
        + "    options.thresholds.critical: written 1, Datadog 2\n"
        + "\n"
        + "Drift: 1 edited in Datadog, 0 not registered, 0 missing, 0 orphaned; 15 monitors match the schemas.\n");
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void printsEachKindOfDriftAsJson() throws Exception {
    esm("apply", repo.toString());
    long edited = idOf(ANOMALY);
    editInDatadog(edited, Map.of("query", "avg(last_4h):sum:by.hand{*} > 1"));
    long removed = idOf("Traffic Drop (weekday) with CheckoutStartedEvent");
    datadog.remove(removed);
    long orphan = datadog.seed(Map.of("name", "No Traffic with RetiredEvent", "type", "query alert", "query", "sum(last_1d):sum:x{*} < 1",
        "message", "gone", "tags", List.of("esm-prod", "event:retiredevent")));
    Path cart = repo.resolve("cart/cart_events.avdl");
    Files.writeString(cart, Files.readString(cart).replace("\"threshold\": 150", "\"threshold\": 120"));
    long notRegistered = idOf("Traffic Drop (weekend) with CheckoutStartedEvent");

    CliRun run = esm("drift", "--format", "json", repo.toString());

    assertThat(run.status()).isEqualTo(2);
    String withoutIds = run.out().replace("\"id\": " + edited + ",", "\"id\": ID_EDITED,")
        .replace("\"id\": " + notRegistered + ",", "\"id\": ID_NOT_REGISTERED,").replace("\"id\": " + orphan + ",", "\"id\": ID_ORPHANED,");
    Golden.assertMatches(DriftCommandTest.class, "each-kind.json", withoutIds);
    JsonNode parsed = new ObjectMapper().readTree(run.out());
    assertThat(parsed).extracting(n -> n.get("kind").asText()).containsExactly("orphaned", "edited", "missing", "not_registered");
  }

  @Test
  void linksAMissingMonitorToTheLineThatDeclaresIt() {
    esm("apply", repo.toString());
    datadog.remove(idOf(ANOMALY));

    CliRun run = esm("drift", repo.toString());

    assertThat(run.status()).isEqualTo(2);
    Matcher declared = Pattern.compile("missing: " + ANOMALY + ", declared at (.*)/cart/cart_events.avdl:14\n").matcher(run.out());
    assertThat(declared.find()).as(run.out()).isTrue();
  }

  @Test
  void judgesOrphansAgainstThePathsGivenAsPruneDoes() {
    esm("apply", repo.toString());

    CliRun cartOnly = esm("drift", "--format", "json", repo.resolve("cart").toString());

    assertThat(cartOnly.status()).isEqualTo(2);
    assertThat(cartOnly.out()).contains("\"kind\": \"orphaned\"").doesNotContain("\"kind\": \"edited\"")
        .doesNotContain("\"kind\": \"missing\"").contains("LoginFailedEvent");
  }

  @Test
  void takesMonitorsAppliedBeforeFingerprintsAsUnchangedWhenTheyMatch() throws Exception {
    CliRun rendered = esm("render", repo.toString());
    for (JsonNode body : new ObjectMapper().readTree(rendered.out())) {
      datadog.seedJson(body.toString());
    }
    long id = idOf(ANOMALY);

    CliRun matching = esm("drift", repo.toString());
    CliRun plan = esm("plan", "--detailed-exitcode", repo.toString());
    editInDatadog(id, Map.of("query", "avg(last_4h):sum:by.hand{*} > 1"));
    CliRun afterEdit = esm("drift", repo.toString());

    assertThat(matching.status()).isZero();
    assertThat(plan.status()).isZero();
    assertThat(afterEdit.status()).isEqualTo(2);
    assertThat(afterEdit.out()).startsWith("edited in Datadog: " + ANOMALY + " (id " + id + ")");
  }

  @Test
  void exitsOneWhenASchemaIsInvalidWithoutAskingDatadog() throws IOException {
    Path cart = repo.resolve("cart/cart_events.avdl");
    Files.writeString(cart, Files.readString(cart).replace("\"severity\": \"high\"", "\"severity\": \"urgent\""));

    CliRun run = esm("drift", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertThat(run.err()).contains("cart/cart_events.avdl:").contains("severity must be one of");
    assertThat(datadog.totalCalls()).isZero();
  }

  @Test
  void exitsThreeWhenDatadogRefusesTheKeysOrCannotBeReached() {
    Map<String, String> wrongKeys = new LinkedHashMap<>(datadog.environment());
    wrongKeys.put("DD_API_KEY", "not-the-key");
    Map<String, String> nowhere = new LinkedHashMap<>(datadog.environment());
    nowhere.put("ESM_DATADOG_URL", "http://127.0.0.1:1");

    CliRun refused = CliRun.withEnvironment(wrongKeys, "drift", repo.toString());
    CliRun unreachable = CliRun.withEnvironment(nowhere, "drift", repo.toString());

    assertThat(refused.status()).isEqualTo(ExitCode.REMOTE);
    assertThat(refused.err()).contains("403").doesNotContain("not-the-key").doesNotContain("\tat ");
    assertThat(unreachable.status()).isEqualTo(ExitCode.REMOTE);
    assertThat(refused.out()).isEmpty();
  }
}
