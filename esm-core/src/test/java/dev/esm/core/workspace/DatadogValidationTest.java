package dev.esm.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogException;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.RenderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datadog's own monitor validation runs before anything is written, through the real client. */
class DatadogValidationTest {

  @TempDir Path root;
  FakeDatadog fake;
  DatadogApiMonitors datadog;
  EsmConfig config = new ConfigLoader().defaults();

  @BeforeEach
  void start() {
    fake = FakeDatadog.start();
    datadog = new DatadogApiMonitors(Reconciler.settings(config, fake.environment()).withRetries(2, java.time.Duration.ofMillis(1)));
  }

  @AfterEach
  void stop() {
    datadog.close();
    fake.close();
  }

  @Test
  void validatesEachCreateOnceBeforeTheFirstWrite() throws Exception {
    schema("cart.avdl", "Cart", "AddToCartEvent", "[{\"type\": \"traffic_anomaly\"}, {\"type\": \"traffic_drop\", \"threshold\": 10},"
        + " {\"type\": \"no_traffic\"}, {\"type\": \"serialization_errors\"}]");

    Plan plan = plan();

    assertThat(plan.creates()).hasSize(4);
    assertThat(fake.calls(FakeDatadog.VALIDATE)).isEqualTo(4);
    assertThat(fake.writes()).isZero();
  }

  @Test
  void validatesUpdatesAgainstTheirMonitorAndNeverUnchangedOrDeletedOnes() throws Exception {
    schema("cart.avdl", "Cart", "AddToCartEvent", "[{\"type\": \"traffic_drop\", \"threshold\": 10}, {\"type\": \"no_traffic\"},"
        + " {\"type\": \"serialization_errors\"}]");
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan());
    schema("cart.avdl", "Cart", "AddToCartEvent", "[{\"type\": \"traffic_drop\", \"threshold\": 5}, {\"type\": \"no_traffic\"}]");
    fake.resetCalls();

    Plan plan = plan();

    assertThat(plan.updates()).hasSize(1);
    assertThat(plan.unchanged()).hasSize(1);
    assertThat(plan.deletes()).hasSize(1);
    assertThat(fake.calls()).isEqualTo(java.util.Map.of(FakeDatadog.LIST, 1, FakeDatadog.VALIDATE_EXISTING, 1));
  }

  @Test
  void aRejectionIsAnErrorAtTheLineOfItsMonitorAndNothingIsWritten() throws Exception {
    config = new ConfigLoader().parse("""
        kinds:
          custom_rate:
            title: Custom Rate
            monitor_type: query alert
            query: "sum(last_1h):sum_of:${metrics.events}{${event_tag}}.as_count() > 5"
            options:
              thresholds:
                critical: 5
        """, root.resolve("esm.yaml"));
    schema("cart.avdl", "Cart", "AddToCartEvent", "{\"type\": \"traffic_drop\", \"threshold\": 10}");
    schema("search.avdl", "Search", "SearchEvent", "{\"type\": \"custom_rate\"}");

    assertThatThrownBy(this::plan).isInstanceOfSatisfying(InvalidInputException.class, e ->
        assertThat(e.diagnostics()).extracting(d -> d.format(root)).containsExactly(
            "search.avdl:2: error: Datadog rejects monitor 'Custom Rate with SearchEvent': The value provided for parameter"
                + " 'query' is invalid: unknown space aggregator 'sum_of'"));
    assertThat(fake.calls(FakeDatadog.VALIDATE)).isEqualTo(2);
    assertThat(fake.writes()).isZero();
    assertThat(fake.monitors()).isEmpty();
  }

  @Test
  void aValidationCallThatKeepsFailingStopsEverythingAsADatadogFailure() throws Exception {
    schema("cart.avdl", "Cart", "AddToCartEvent", "{\"type\": \"no_traffic\"}");
    fake.failAfter(1, 10, 503);

    assertThatThrownBy(this::plan).isInstanceOfSatisfying(DatadogException.class, e ->
        assertThat(e.getMessage()).startsWith("Datadog failed (503) validating monitor 'No Traffic with AddToCartEvent' after 2 retries"));
    assertThat(fake.calls(FakeDatadog.VALIDATE)).isEqualTo(3);
    assertThat(fake.writes()).isZero();
  }

  private Plan plan() {
    Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(root)), RenderContext.none());
    return new Reconciler(config, datadog).plan(rendering, rendering.eventTags(), null);
  }

  private void schema(String file, String protocol, String record, String monitor) throws Exception {
    Files.writeString(root.resolve(file), "protocol " + protocol + " {\n  @monitor(" + monitor + ")\n  @owner(\"team-a\")\n"
        + "  record " + record + " { string id; }\n}\n");
  }
}
