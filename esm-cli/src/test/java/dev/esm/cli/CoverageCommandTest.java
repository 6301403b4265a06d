package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.esm.core.golden.Golden;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code esm coverage} over the example producer and over a tree of decoys, compared whole with golden files. */
class CoverageCommandTest {

  private static final String DECOYS = "src/test/resources/coverage-decoys";

  @Test
  void findsWhereTheExampleProducerEmitsEachEvent() throws Exception {
    CliRun run = CliRun.of("coverage", "--config", "../examples/esm.yaml", "--sources", "../examples/producer/src",
        "../schemas");

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    Golden.assertMatches(getClass(), "producer.txt", run.out());
  }

  @Test
  void resolvesNamesAsJavacDoesAndIgnoresTheDecoys() throws Exception {
    CliRun run = CliRun.of("coverage", "--sources", DECOYS + "/src", DECOYS + "/schemas");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEqualTo(DECOYS + "/src/com/acme/orders/Broken.java:5: warning: does not parse as Java, skipped: "
        + "Parse error. Found \";\"\n");
    Golden.assertMatches(getClass(), "decoys.txt", run.out());
  }

  @Test
  void printsTheJsonOfTheSpec() throws Exception {
    CliRun run = CliRun.of("coverage", "--format", "json", "--sources", DECOYS + "/src", DECOYS + "/schemas");

    assertThat(run.status()).isZero();
    Golden.assertMatches(getClass(), "decoys.json", run.out());
    JsonNode document = new ObjectMapper().readTree(run.out());
    assertThat(document.fieldNames()).toIterable()
        .containsExactly("events", "emitted_without_monitors", "monitored_not_emitted");
    assertThat(document.get("events").get(0).fieldNames()).toIterable()
        .containsExactly("event", "owner", "schema", "monitors", "sites");
  }

  @Test
  void exitsWithFourWhenMonitorsAreRequiredAndAnEventHasNone() {
    CliRun run = CliRun.of("coverage", "--require-monitors", "--sources", DECOYS + "/src", DECOYS + "/schemas");

    assertThat(run.status()).isEqualTo(ExitCode.UNMONITORED);
    assertThat(run.err()).endsWith("esm: 1 event emitted without a monitor (--require-monitors)\n");
  }

  @Test
  void passesWhenMonitorsAreRequiredAndEveryEmittedEventHasOne() {
    CliRun run = CliRun.of("coverage", "--require-monitors", "--sources", DECOYS + "/src/com/acme/refunds",
        DECOYS + "/schemas");

    assertThat(run.status()).isZero();
  }

  @Test
  void refusesAMissingSourceFolderAsWrongUsage() {
    CliRun run = CliRun.of("coverage", "--sources", "no-such-folder", DECOYS + "/schemas");

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("esm: no such source folder: no-such-folder\n");
  }
}
