package dev.esm.core.drift;

import static dev.esm.core.plan.MonitorFixtures.anomaly;
import static dev.esm.core.plan.MonitorFixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.plan.Normalizer;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final String MESSAGE = "**Traffic Drop with X** (severity high, P2)\n\n"
      + "- **Schema:** [cart/cart.avdl](https://github.com/acme/schemas/blob/main/cart/cart.avdl)\n"
      + "- **Registered by:** https://github.com/acme/schemas/pull/7\n\nNotify: @slack-cart";

  private static MonitorDefinition ours() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("thresholds", Map.of("critical", 1, "warning", 2.5));
    options.put("evaluation_delay", 60);
    return new MonitorDefinition("Traffic Drop with X", "metric alert", "sum(last_1h):sum:m{event:x}.as_count() < 1",
        MESSAGE, List.of("esm-prod", "event:x", "team:cart"), 2, options);
  }

  private static MonitorDefinition with(MonitorDefinition d, UnaryOperator<MonitorDefinition> change) {
    return change.apply(d);
  }

  @Test
  void staysTheSameUnderEveryRewriteDatadogMakesOnSave() {
    MonitorDefinition ours = ours();
    String fingerprint = Fingerprint.of(ours);
    Map<String, Object> filled = new LinkedHashMap<>(ours.options());
    filled.put("thresholds", Map.of("critical", 1.0, "warning", 2.50));
    filled.put("evaluation_delay", 60.0);
    Normalizer.DATADOG_DEFAULT_OPTIONS.forEach(filled::put);
    filled.put("no_data_timeframe", null);
    List<String> reversed = new ArrayList<>(ours.tags());
    java.util.Collections.reverse(reversed);

    List<MonitorDefinition> rewritten = List.of(
        new MonitorDefinition(" " + ours.name() + " ", ours.type(), ours.query(), ours.message(), ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), "query alert", ours.query(), ours.message(), ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), " " + ours.query() + " ", ours.message(), ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), "\n" + ours.message().replace("\n", "\r\n") + "  \n",
            ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), ours.message(), reversed, ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), ours.message(), ours.tags(), ours.priority(), filled));

    for (MonitorDefinition theirs : rewritten) {
      assertThat(Fingerprint.of(theirs)).as(theirs.toString()).isEqualTo(fingerprint);
    }
  }

  @Test
  void ignoresTheLinksEsmWritesIntoTheMessage() {
    MonitorDefinition ours = ours();
    String elsewhere = MESSAGE.replace("blob/main", "blob/0123abc").replace("pull/7", "pull/8");
    String fromCli = MESSAGE.replace("- **Registered by:** https://github.com/acme/schemas/pull/7\n", "")
        .replace("[cart/cart.avdl](https://github.com/acme/schemas/blob/main/cart/cart.avdl)", "`cart/cart.avdl`");

    assertThat(Fingerprint.of(with(ours, d -> message(d, elsewhere)))).isEqualTo(Fingerprint.of(ours));
    assertThat(Fingerprint.of(with(ours, d -> message(d, fromCli)))).isEqualTo(Fingerprint.of(ours));
    assertThat(Fingerprint.of(with(ours, d -> message(d, MESSAGE.replace("cart/cart.avdl", "cart/moved.avdl")))))
        .as("the schema's path is compared, only its link is not").isNotEqualTo(Fingerprint.of(ours));
  }

  @Test
  void changesWithEveryComparedField() {
    MonitorDefinition ours = ours();
    Map<String, Object> tighter = new LinkedHashMap<>(ours.options());
    tighter.put("thresholds", Map.of("critical", 2, "warning", 2.5));
    List<MonitorDefinition> edits = List.of(
        new MonitorDefinition("Other", ours.type(), ours.query(), ours.message(), ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query() + "0", ours.message(), ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), ours.message() + " @pagerduty", ours.tags(), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), ours.message(), List.of("esm-prod", "event:x"), ours.priority(), ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), ours.message(), ours.tags(), 1, ours.options()),
        new MonitorDefinition(ours.name(), ours.type(), ours.query(), ours.message(), ours.tags(), ours.priority(), tighter));

    assertThat(edits).extracting(Fingerprint::of).doesNotContain(Fingerprint.of(ours)).doesNotHaveDuplicates();
  }

  @Test
  void isCarriedAsATagThatTheNormaliserIgnores() {
    MonitorDefinition stamped = Fingerprint.stamp(ours());

    assertThat(stamped.tags()).contains("esm-digest:" + Fingerprint.of(ours()));
    assertThat(Fingerprint.of(stamped)).isEqualTo(Fingerprint.of(ours()));
    assertThat(Fingerprint.matches(stamped)).isTrue();
    assertThat(Fingerprint.matches(ours())).as("no fingerprint").isFalse();
    assertThat(Normalizer.differences(ours(), stamped)).isEmpty();
    assertThat(Fingerprint.stamp(stamped).tags()).filteredOn(t -> t.startsWith("esm-digest:")).hasSize(1);
  }

  @Test
  void survivesARoundTripThroughTheDatadogStandIn() {
    try (FakeDatadog fake = FakeDatadog.start()) {
      DatadogApiMonitors datadog =
          new DatadogApiMonitors(DatadogSettings.fromEnvironment(fake.environment()).withRetries(0, Duration.ofMillis(1)));
      for (DesiredMonitor desired : List.of(anomaly("AddToCartEvent"), drop("CartEvent", 10))) {
        datadog.create(Fingerprint.stamp(desired.definition()));
      }
      List<RemoteMonitor> listed = datadog.listByTag("esm-prod");

      assertThat(listed).hasSize(2).allSatisfy(m -> assertThat(Fingerprint.matches(m.definition())).isTrue());
    }
  }

  private static MonitorDefinition message(MonitorDefinition d, String message) {
    return new MonitorDefinition(d.name(), d.type(), d.query(), message, d.tags(), d.priority(), d.options());
  }
}
