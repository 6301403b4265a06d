package dev.esm.core.plan;

import static dev.esm.core.plan.MonitorFixtures.anomaly;
import static dev.esm.core.plan.MonitorFixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  @Test
  void seesNoChangeAfterARoundTripThroughDatadog() {
    try (FakeDatadog fake = FakeDatadog.start()) {
      DatadogApiMonitors datadog =
          new DatadogApiMonitors(
              DatadogSettings.fromEnvironment(fake.environment()).withRetries(0, Duration.ofMillis(1)));
      for (DesiredMonitor desired : List.of(anomaly("AddToCartEvent"), drop("CartEvent", 10))) {
        RemoteMonitor created = datadog.create(desired.definition());
        RemoteMonitor listed =
            datadog.listByTag("esm-prod").stream().filter(m -> m.id() == created.id()).findFirst().orElseThrow();

        assertThat(listed.definition()).isNotEqualTo(desired.definition());
        assertThat(Normalizer.differences(listed.definition(), desired.definition())).isEmpty();
        assertThat(Normalizer.same(created.definition(), desired.definition())).isTrue();
      }
    }
  }

  @Test
  void ignoresDatadogsRewritesOnSave() {
    MonitorDefinition ours =
        new MonitorDefinition(
            "Traffic Drop with X ", "metric alert", "q < 1", "Hello\r\n@team\n", List.of("b", "a", "a"), 2,
            Map.of("thresholds", Map.of("critical", 1)));
    Map<String, Object> theirOptions = new LinkedHashMap<>();
    theirOptions.put("thresholds", Map.of("critical", 1.0));
    theirOptions.put("notify_audit", false);
    theirOptions.put("include_tags", true);
    theirOptions.put("new_host_delay", 300);
    theirOptions.put("silenced", Map.of());
    theirOptions.put("no_data_timeframe", null);
    MonitorDefinition theirs =
        new MonitorDefinition("Traffic Drop with X", "query alert", "q < 1", "Hello\n@team", List.of("a", "b"), 2, theirOptions);

    assertThat(Normalizer.differences(theirs, ours)).isEmpty();
  }

  @Test
  void showsEachChangedFieldByItsPath() {
    DesiredMonitor before = drop("CartEvent", 10);
    DesiredMonitor after = MonitorFixtures.withTags(drop("CartEvent", 5), "esm-prod", "event:cartevent", "kind:traffic_drop", "team:cart");

    assertThat(Normalizer.differences(before.definition(), after.definition()))
        .containsExactly(
            new FieldDifference(
                "query",
                "sum(last_1h):sum:event_tracking.events.count{event:cartevent}.as_count() < 10",
                "sum(last_1h):sum:event_tracking.events.count{event:cartevent}.as_count() < 5"),
            new FieldDifference(
                "tags",
                List.of("esm-prod", "event:cartevent", "kind:traffic_drop"),
                List.of("esm-prod", "event:cartevent", "kind:traffic_drop", "team:cart")),
            new FieldDifference("options.thresholds.critical", 10L, 5L));
  }

  @Test
  void seesAnOptionChangedFromItsDefault() {
    DesiredMonitor quiet = drop("CartEvent", 10);
    DesiredMonitor loud = MonitorFixtures.withOption(quiet, "notify_no_data", true);

    assertThat(Normalizer.differences(quiet.definition(), loud.definition()))
        .containsExactly(new FieldDifference("options.notify_no_data", null, true));
  }
}
