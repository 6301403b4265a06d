package dev.esm.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();
  private final Path file = Path.of("esm.yaml");

  private List<String> problems(String yaml) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> loader.parse(yaml, file));
    assertThat(e).as("expected the configuration to be refused").isNotNull();
    return e.diagnostics().stream().map(Diagnostic::format).toList();
  }

  @Test
  void worksWithAnEmptyFile() {
    EsmConfig config = loader.parse("", file);

    assertThat(config.identityTag()).isEqualTo("esm-prod");
    assertThat(config.kinds()).containsOnlyKeys("traffic_anomaly", "traffic_drop", "no_traffic", "serialization_errors");
  }

  @Test
  void checksDriftEverySixHoursWithAnIssueAndNoRepairByDefault() {
    EsmConfig defaults = loader.parse("", file);
    EsmConfig often = loader.parse("drift:\n  interval: 30s\n  repair: true\n", file);
    EsmConfig off = loader.parse("drift:\n  interval: 0\n", file);

    assertThat(defaults.drift()).isEqualTo(new EsmConfig.Drift("6h", true, false));
    assertThat(defaults.drift().every()).isEqualTo(java.time.Duration.ofHours(6));
    assertThat(often.drift().every()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(often.drift().repair()).isTrue();
    assertThat(off.drift().every()).isZero();
  }

  @Test
  void plansEveryPullRequestAndRegistersOnCommentWithNoRequirementsByDefault() {
    EsmConfig defaults = loader.parse("", file);
    EsmConfig strict = loader.parse("autoplan: false\nregister:\n  on: both\n  requires: [approved, mergeable]\n"
        + "  restore_on_close: false\n  conflicts: refuse\n", file);

    assertThat(defaults.autoplan()).isTrue();
    assertThat(defaults.register()).isEqualTo(new EsmConfig.Register("comment", List.of(), true, "warn"));
    assertThat(defaults.register().onComment()).isTrue();
    assertThat(defaults.register().onMerge()).isFalse();
    assertThat(strict.autoplan()).isFalse();
    assertThat(strict.register()).isEqualTo(new EsmConfig.Register("both", List.of("approved", "mergeable"), false, "refuse"));
    assertThat(strict.register().onMerge()).isTrue();
  }

  @Test
  void servesNoCatalogPageUnlessAsked() {
    assertThat(loader.parse("", file).ui()).isFalse();
    assertThat(loader.parse("ui: true\n", file).ui()).isTrue();
  }

  @Test
  void refusesUnknownRegisterValuesNamingTheKey() {
    assertThat(problems("register:\n  on: merged\n  requires: [aproved]\n  conflicts: block\n"))
        .anyMatch(p -> p.contains("register.on") && p.contains("must be one of comment, merge, both") && p.contains("\"merge\""))
        .anyMatch(p -> p.contains("register.requires") && p.contains("approved"))
        .anyMatch(p -> p.contains("register.conflicts") && p.contains("must be one of warn, refuse"));
  }

  @Test
  void recoversMissedDeliveriesEveryTenMinutesByDefault() {
    assertThat(loader.parse("", file).github().recoverEvery()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(loader.parse("github:\n  recover_interval: 30s\n", file).github().recoverEvery())
        .isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(loader.parse("github:\n  recover_interval: 0\n", file).github().recoverEvery()).isZero();
    assertThat(problems("github:\n  recover_interval: often\n")).singleElement().asString()
        .contains("github.recover_interval").contains("must be a duration such as 30s, 10m or 1h, or 0");
  }

  @Test
  void refusesADriftIntervalThatIsNoDuration() {
    assertThat(problems("drift:\n  interval: 6 hours\n")).singleElement().asString()
        .contains("drift.interval").contains("must be a duration such as 30s, 15m, 6h or 1d, or 0");
  }

  @Test
  void reportsAnUnknownKeyAtItsLineWithASuggestion() {
    assertThat(problems("environment: staging\nteams: {}\nrunbok_url: https://x\n"))
        .containsExactly("esm.yaml:3:1: error: unknown key \"runbok_url\" (did you mean \"runbook_url\"?)");
  }

  @Test
  void reportsAnUnknownNestedKeyWithItsPath() {
    assertThat(problems("datadog:\n  paralelism: 4\n"))
        .containsExactly("esm.yaml:2:3: error: unknown key \"paralelism\" in datadog (did you mean \"parallelism\"?)");
  }

  @Test
  void overridesOneParameterOfABuiltInKindAndKeepsTheRest() {
    EsmConfig config = loader.parse("kinds:\n  traffic_drop:\n    parameters:\n      window:\n        type: duration\n        default: 3h\n", file);

    KindDefinition drop = config.kinds().get("traffic_drop");
    assertThat(drop.parameters().get("window").defaultValue()).isEqualTo("3h");
    assertThat(drop.parameters()).containsKey("threshold");
    assertThat(drop.title()).isEqualTo("Traffic Drop");
  }

  @Test
  void addsAKindAndRemovesOne() {
    EsmConfig config = loader.parse("""
        kinds:
          no_traffic: null
          latency:
            title: Slow Processing
            query: "avg(last_${window}):avg:pipeline.latency{${event_tag}} > ${limit}"
            parameters:
              window: {type: duration, default: 5m}
              limit: {type: integer}
            options:
              thresholds: {critical: "${limit}"}
        """, file);

    assertThat(config.kinds()).containsKey("latency").doesNotContainKey("no_traffic");
  }

  @Test
  void refusesAKindTemplateWithAnUnknownVariable() {
    assertThat(problems("kinds:\n  latency:\n    title: Slow\n    query: \"avg(last_${windw}):x{${event_tag}} > 1\"\n"
        + "    parameters:\n      window: {type: duration, default: 5m}\n"))
        .singleElement().asString()
        .startsWith("esm.yaml:4:5: error: kinds.latency.query: unknown variable ${windw} (did you mean \"window\"?); known: ");
  }

  @Test
  void refusesHandlesWithoutAt() {
    assertThat(problems("teams:\n  team-cart:\n    slack: slack-cart\n"))
        .containsExactly("esm.yaml:3:5: error: teams.team-cart.slack: a notification handle starts with @ (e.g. @slack-cart-alerts); got \"slack-cart\"");
  }

  @Test
  void refusesARoutingKeyThatIsNotASeverity() {
    assertThat(problems("routing:\n  hihg: [slack]\n"))
        .containsExactly("esm.yaml:2:3: error: routing.hihg: is not a severity (one of low, medium, high, critical) (did you mean \"high\"?)");
  }

  @Test
  void reportsAWrongTypeAtItsLine() {
    assertThat(problems("environment: prod\ndatadog:\n  parallelism: many\n")).singleElement().asString()
        .isEqualTo("esm.yaml:3:3: error: wrong value for datadog.parallelism: expected a whole number");
  }

  @Test
  void limitsHaveTheirBuiltInValues() {
    Limits limits = loader.parse("", file).limits();

    assertThat(limits).isEqualTo(new Limits(1_048_576L, 1000, 104_857_600L, 5000, Duration.ofMinutes(10)));
  }

  @Test
  void readsLimitsWithDurationsInSeconds() {
    Limits limits = loader.parse("limits:\n  max_files: 20\n  command_timeout: 90s\n", file).limits();

    assertThat(limits.maxFiles()).isEqualTo(20);
    assertThat(limits.commandTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(limits.maxFileBytes()).isEqualTo(1_048_576L);
  }

  @Test
  void reportsAWrongLimitAtItsLine() {
    assertThat(problems("limits:\n  max_files: 0\n")).containsExactly(
        "esm.yaml:2:3: error: limits.max_files: must be at least 1; got 0");
    assertThat(problems("limits:\n  max_files: 5\n  command_timeout: ten\n")).containsExactly(
        "esm.yaml:3:3: error: wrong value for limits.command_timeout: must be a duration such as 30s, 10m, 1h or 2d; got \"ten\"");
  }

  @Test
  void aLimitExceededNamesTheKeyAndTheValue() {
    Limits limits = loader.parse("limits:\n  max_monitors: 3\n", file).limits();

    assertThat(limits.exceeded("max_monitors", 4)).hasMessage("limits.max_monitors is 3; got 4");
  }

  @Test
  void refusesDurationBoundsThatAreNotDurations() {
    assertThat(problems("kinds:\n  traffic_drop:\n    parameters:\n      window:\n        type: duration\n        max: 7\n"))
        .containsExactly("esm.yaml:6:9: error: kinds.traffic_drop.parameters.window.max: must be a duration such as 5m; got 7");
  }

  @Test
  void everyFrontEndFindsTheFileTheSameWayNamedFirstThenEsmConfig(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path named = java.nio.file.Files.writeString(dir.resolve("named.yaml"), "environment: named\n");
    Path fromEnvironment = java.nio.file.Files.writeString(dir.resolve("env.yaml"), "environment: fromenv\n");
    ConfigLoader loader = new ConfigLoader();

    assertThat(loader.locate(named, java.util.Map.of("ESM_CONFIG", fromEnvironment.toString())).environment())
        .isEqualTo("named");
    assertThat(loader.locate(null, java.util.Map.of("ESM_CONFIG", fromEnvironment.toString())).environment())
        .isEqualTo("fromenv");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> loader.locate(dir.resolve("missing.yaml"), java.util.Map.of())))
        .isInstanceOf(dev.esm.core.diagnostic.EsmException.class)
        .hasMessage("configuration file not found: " + dir.resolve("missing.yaml"));
  }
}
