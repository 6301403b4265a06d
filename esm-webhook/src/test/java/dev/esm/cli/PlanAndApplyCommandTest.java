package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.esm.core.datadog.fake.FakeDatadog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esm plan} and {@code esm apply} against the Datadog stand-in, through the real client. */
class PlanAndApplyCommandTest {

  @TempDir Path repo;
  FakeDatadog datadog;

  @BeforeEach
  void setUp() throws IOException {
    datadog = FakeDatadog.start();
    copyTree(Path.of("../schemas"), repo);
  }

  @AfterEach
  void tearDown() {
    datadog.close();
  }

  private CliRun esm(String... args) {
    return CliRun.withEnvironment(datadog.environment(), args);
  }

  @Test
  void plansEveryMonitorAsACreateAndExitsTwoWithDetailedExitCode() {
    CliRun run = esm("plan", "--detailed-exitcode", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.out()).contains("+ create Traffic Anomaly with AddToCartEvent\n")
        .endsWith("Plan: 16 to create, 0 to update, 0 to delete, 0 unchanged.\n");
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void aMonitorDatadogRejectsStopsPlanAndApplyAtItsLineWithNothingWritten() {
    datadog.rejectValidationOf("Traffic Drop (weekend) with CheckoutStartedEvent", "Metric 'event_tracking.events.count' is not allowed");

    CliRun plan = esm("plan", repo.toString());
    CliRun apply = esm("apply", repo.toString());

    for (CliRun run : List.of(plan, apply)) {
      assertThat(run.status()).isEqualTo(ExitCode.INVALID);
      assertThat(run.err().replace(repo.toString(), "<repo>")).isEqualTo(
          "<repo>/cart/cart_events.avdl:42: error: Datadog rejects monitor 'Traffic Drop (weekend) with CheckoutStartedEvent':"
              + " Metric 'event_tracking.events.count' is not allowed\n1 error; nothing was written.\n");
    }
    assertThat(datadog.calls(FakeDatadog.VALIDATE)).isEqualTo(32);
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void aValidationCallThatFailsExitsThree() {
    datadog.failAfter(1, 100, 500);

    CliRun apply = esm("apply", repo.toString());

    assertThat(apply.status()).isEqualTo(ExitCode.REMOTE);
    assertThat(apply.err()).contains("esm: Datadog failed (500) validating monitor");
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void appliesThenFindsNothingToChange() {
    CliRun first = esm("apply", repo.toString());

    assertThat(first.status()).isZero();
    assertThat(first.out()).containsPattern("\\+ created Traffic Anomaly with AddToCartEvent +" + datadog.baseUrl() + "/monitors/\\d+")
        .endsWith("Apply complete: 16 created, 0 updated, 0 deleted, 0 unchanged.\n");
    assertThat(datadog.monitors()).hasSize(16);

    datadog.resetCalls();
    CliRun again = esm("apply", repo.toString());
    CliRun plan = esm("plan", "--detailed-exitcode", repo.toString());

    assertThat(again.out()).isEqualTo("No changes. 16 managed monitors already match the schemas.\n");
    assertThat(plan.status()).isZero();
    assertThat(plan.out()).isEqualTo("No changes. 16 monitors are up to date.\n");
    assertThat(datadog.writes()).isZero();
    assertThat(datadog.calls(FakeDatadog.LIST)).isEqualTo(2);
  }

  @Test
  void deletesExactlyTheMonitorWhoseAnnotationEntryWasRemoved() throws IOException {
    esm("apply", repo.toString());
    Path cart = repo.resolve("cart/cart_events.avdl");
    String text = Files.readString(cart);
    String withoutOne = text.replace(",\n    {\"type\": \"traffic_drop\", \"qualifier\": \"weekend\", \"window\": \"4h\", \"threshold\": 150,\n"
        + "     \"severity\": \"low\", \"tags\": [\"funnel:checkout\"]}", "");
    assertThat(withoutOne).as("fixture edit").isNotEqualTo(text);
    Files.writeString(cart, withoutOne);

    CliRun plan = esm("plan", repo.toString());
    CliRun apply = esm("apply", repo.toString());

    assertThat(plan.out()).contains("- delete Traffic Drop (weekend) with CheckoutStartedEvent (id ")
        .endsWith("Plan: 0 to create, 0 to update, 1 to delete, 15 unchanged.\n");
    assertThat(apply.status()).isZero();
    assertThat(datadog.monitorsNamed("Traffic Drop (weekend) with CheckoutStartedEvent")).isEmpty();
    assertThat(datadog.monitors()).hasSize(15);
  }

  @Test
  void showsTheFieldsThatDifferInAnUpdate() throws IOException {
    esm("apply", repo.toString());
    Path cart = repo.resolve("cart/cart_events.avdl");
    Files.writeString(cart, Files.readString(cart).replace("\"severity\": \"high\"", "\"severity\": \"critical\""));

    CliRun plan = esm("plan", repo.resolve("cart").toString());

    assertThat(plan.out()).contains("~ update Traffic Anomaly with AddToCartEvent (id ").contains("    priority: 2 → 1\n");
  }

  @Test
  void writesNothingWhenASchemaIsInvalid() throws IOException {
    Path cart = repo.resolve("cart/cart_events.avdl");
    Files.writeString(cart, Files.readString(cart).replace("\"severity\": \"high\"", "\"severity\": \"urgent\""));

    CliRun run = esm("apply", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertThat(run.err()).contains("cart/cart_events.avdl:").contains("severity must be one of").endsWith("nothing was written.\n");
    assertThat(datadog.totalCalls()).isZero();
  }

  @Test
  void leavesAMonitorWithoutTheIdentityTagAloneEvenWhenItsNameMatches() {
    long unmanaged = datadog.seed(Map.of("name", "Traffic Anomaly with AddToCartEvent", "type", "query alert",
        "query", "avg(last_5m):sum:hand.made{*} > 1", "message", "made by hand", "tags", List.of("team:cart")));

    esm("apply", repo.toString());

    JsonNode handMade = datadog.monitor(unmanaged).orElseThrow();
    assertThat(handMade.get("query").asText()).isEqualTo("avg(last_5m):sum:hand.made{*} > 1");
    assertThat(datadog.monitorsNamed("Traffic Anomaly with AddToCartEvent")).hasSize(2);
  }

  @Test
  void prunesOnlyWithPruneMonitorsOfEventsThatAreGone() throws IOException {
    esm("apply", repo.toString());
    Files.delete(repo.resolve("identity/account_events.avdl"));

    CliRun withoutPrune = esm("plan", repo.toString());
    CliRun withPrune = esm("apply", "--prune", repo.toString());

    assertThat(withoutPrune.out()).doesNotContain("- delete");
    assertThat(withPrune.out()).contains("- deleted ").contains("LoginFailedEvent");
    assertThat(datadog.monitors()).noneMatch(m -> m.get("name").asText().endsWith("LoginFailedEvent"));
  }

  @Test
  void asksForCredentialsAsWrongUsage() {
    CliRun run = CliRun.withEnvironment(Map.of(), "plan", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("esm: DD_API_KEY is not set: Datadog needs an API key\n");
  }

  @Test
  void exitsThreeWhenDatadogRefusesTheKeys() {
    Map<String, String> wrongKeys = new java.util.HashMap<>(datadog.environment());
    wrongKeys.put("DD_API_KEY", "not-the-key");

    CliRun run = CliRun.withEnvironment(wrongKeys, "plan", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.REMOTE);
    assertThat(run.err()).startsWith("esm: ").contains("403").doesNotContain("not-the-key").doesNotContain("\tat ");
  }

  @Test
  void exitsThreeWhenDatadogCannotBeReached() {
    Map<String, String> nowhere = new java.util.HashMap<>(datadog.environment());
    nowhere.put("ESM_DATADOG_URL", "http://127.0.0.1:1");

    CliRun run = CliRun.withEnvironment(nowhere, "plan", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.REMOTE);
    assertThat(run.err()).startsWith("esm: ").doesNotContain("\tat ");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
