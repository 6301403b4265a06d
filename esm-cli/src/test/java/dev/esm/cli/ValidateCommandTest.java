package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  @Test
  void printsOnlyASummaryWhenAllIsWell() {
    CliRun run = CliRun.of("validate", "--config", "../examples/esm.yaml", "../schemas");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).matches("ok: 9 schema files, \\d+ records, \\d+ monitors on \\d+ events\\n");
  }

  @Test
  void listsEveryProblemWithFileAndLineAndExitsOne() throws Exception {
    Files.writeString(dir.resolve("a.avdl"), "protocol A {\n  @monitor({\"type\": \"trafic_drop\"})\n  @owner(\"t\")\n  record X { string id; }\n}\n");
    Files.writeString(dir.resolve("b.avdl"), "protocol B {\n  @monitor({\"type\": \"no_traffic\", \"windw\": \"1h\"})\n  @owner(\"t\")\n  record Y { string id; }\n}\n");

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.err().lines()).containsExactly(
        dir.resolve("a.avdl") + ":2:3: error: unknown monitor type \"trafic_drop\" (did you mean \"traffic_drop\"?); known types: "
            + "no_traffic, serialization_errors, traffic_anomaly, traffic_drop",
        dir.resolve("b.avdl") + ":2:3: error: no_traffic has no parameter \"windw\" (did you mean \"window\"?); it takes: window",
        "2 errors; nothing was written.");
  }

  @Test
  void namesAPathThatDoesNotExistAsWrongUsage() {
    CliRun run = CliRun.of("validate", "no/such/dir");

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("esm: no such file or directory: no/such/dir\n");
  }

  @Test
  void reportsAnInvalidConfigurationAtItsLine() throws Exception {
    Path config = Files.writeString(dir.resolve("esm.yaml"), "environment: prod\nrunbok_url: x\n");

    CliRun run = CliRun.of("validate", "--config", config.toString(), "../schemas");

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertThat(run.err()).startsWith(config + ":2:1: error: unknown key \"runbok_url\" (did you mean \"runbook_url\"?)\n");
  }

  @Test
  void refusesAnUnknownOption() {
    CliRun run = CliRun.of("validate", "--frobnicate");

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Unknown option: '--frobnicate'").contains("esm validate --help");
  }
}
