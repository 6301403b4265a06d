package dev.esm.cli;

import dev.esm.core.golden.Golden;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code esm render} over the example schema repository, compared whole with golden files. */
class RenderCommandTest {

  private static final String SCHEMAS = "../schemas";
  private static final String CONFIG = "../examples/esm.yaml";

  @Test
  void rendersTheExampleSchemasAsDatadogMonitorBodies() throws Exception {
    CliRun run = CliRun.of("render", "--config", CONFIG, SCHEMAS);

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    Golden.assertMatches(getClass(), "schemas.json", run.out());
  }

  @Test
  void rendersTheExampleSchemasAsTerraformJson() throws Exception {
    CliRun run = CliRun.of("render", "--format", "terraform", "--config", CONFIG, SCHEMAS);

    assertThat(run.status()).isZero();
    Golden.assertMatches(getClass(), "schemas.tf.json", run.out());
  }

  @Test
  void coversEveryBuiltInKindAndSeverityInTheExamples() throws Exception {
    JsonNode monitors = new ObjectMapper().readTree(CliRun.of("render", "--config", CONFIG, SCHEMAS).out());

    assertThat(monitors.findValuesAsText("name")).anyMatch(n -> n.startsWith("Traffic Anomaly with"))
        .anyMatch(n -> n.startsWith("Traffic Drop (")).anyMatch(n -> n.startsWith("No Traffic with"))
        .anyMatch(n -> n.startsWith("Serialization Errors with"));
    assertThat(monitors.findValues("priority")).extracting(JsonNode::asInt).contains(1, 2, 3, 4);
  }

  @Test
  void usesTheEnvironmentGivenOnTheCommandLine() throws Exception {
    JsonNode monitors = new ObjectMapper().readTree(CliRun.of("render", "--env", "staging", SCHEMAS).out());

    assertThat(monitors).allSatisfy(m -> assertThat(m.get("tags").get(0).asText()).isEqualTo("esm-staging"));
  }

  @Test
  void refusesAnUnknownFormatAsWrongUsage() {
    CliRun run = CliRun.of("render", "--format", "yaml", SCHEMAS);

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("--format").contains("json, terraform");
  }
}
