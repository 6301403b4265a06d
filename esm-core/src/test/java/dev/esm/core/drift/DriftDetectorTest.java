package dev.esm.core.drift;

import static dev.esm.core.plan.MonitorFixtures.anomaly;
import static dev.esm.core.plan.MonitorFixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

  private static final Set<String> CART_EVENTS = Set.of("event:cartevent", "event:addtocartevent");

  private static RemoteMonitor written(long id, DesiredMonitor desired) {
    return new RemoteMonitor(id, Fingerprint.stamp(desired.definition()));
  }

  private static RemoteMonitor withQuery(RemoteMonitor monitor, String query) {
    MonitorDefinition d = monitor.definition();
    return new RemoteMonitor(monitor.id(), new MonitorDefinition(d.name(), d.type(), query, d.message(), d.tags(), d.priority(), d.options()));
  }

  @Test
  void findsNoDriftWhenDatadogHoldsWhatEsmWrote() {
    DriftReport report = DriftDetector.detect(List.of(drop("CartEvent", 10), anomaly("AddToCartEvent")), CART_EVENTS,
        List.of(written(1, drop("CartEvent", 10)), written(2, anomaly("AddToCartEvent"))));

    assertThat(report.hasDrift()).isFalse();
    assertThat(report.inStep()).isEqualTo(2);
  }

  @Test
  void reportsAnEditInDatadogWithTheFieldsThatDiffer() {
    RemoteMonitor edited = withQuery(written(1, drop("CartEvent", 10)), "sum(last_1h):sum:x{*} < 3");

    DriftReport report = DriftDetector.detect(List.of(drop("CartEvent", 10)), CART_EVENTS, List.of(edited));

    assertThat(report.drifts()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DriftKind.EDITED);
      assertThat(d.id()).isEqualTo(1L);
      assertThat(d.differences()).containsExactly(new FieldDifference("query", "sum(last_1h):sum:x{*} < 3",
          "sum(last_1h):sum:event_tracking.events.count{event:cartevent}.as_count() < 10"));
    });
  }

  @Test
  void reportsASchemaChangeNobodyRegisteredAsNotRegistered() {
    DriftReport report = DriftDetector.detect(List.of(drop("CartEvent", 20)), CART_EVENTS, List.of(written(1, drop("CartEvent", 10))));

    assertThat(report.drifts()).extracting(Drift::kind, Drift::id, d -> d.differences().size())
        .containsExactly(tuple(DriftKind.NOT_REGISTERED, 1L, 0));
  }

  @Test
  void reportsAnEditWhenTheSchemaChangedToo() {
    RemoteMonitor edited = withQuery(written(1, drop("CartEvent", 10)), "sum(last_1h):sum:x{*} < 3");

    DriftReport report = DriftDetector.detect(List.of(drop("CartEvent", 20)), CART_EVENTS, List.of(edited));

    assertThat(report.drifts()).extracting(Drift::kind).containsExactly(DriftKind.EDITED);
  }

  @Test
  void judgesAMonitorWithoutFingerprintAgainstTheSchemas() {
    RemoteMonitor same = new RemoteMonitor(1, drop("CartEvent", 10).definition());
    RemoteMonitor different = new RemoteMonitor(2, anomaly("AddToCartEvent").definition());
    DesiredMonitor changedAnomaly = anomaly("AddToCartEvent");
    changedAnomaly = new DesiredMonitor(withQuery(new RemoteMonitor(0, changedAnomaly.definition()), "q > 1").definition(),
        changedAnomaly.eventTag(), changedAnomaly.kind(), changedAnomaly.file(), changedAnomaly.line());

    DriftReport report = DriftDetector.detect(List.of(drop("CartEvent", 10), changedAnomaly), CART_EVENTS, List.of(same, different));

    assertThat(report.drifts()).extracting(Drift::kind, Drift::id).containsExactly(tuple(DriftKind.EDITED, 2L));
    assertThat(report.inStep()).isEqualTo(1);
  }

  @Test
  void reportsADeclaredMonitorThatDatadogLacksAsMissing() {
    DriftReport report = DriftDetector.detect(List.of(drop("CartEvent", 10)), CART_EVENTS, List.of());

    assertThat(report.drifts()).extracting(Drift::kind, Drift::id, Drift::name)
        .containsExactly(tuple(DriftKind.MISSING, null, "Traffic Drop with CartEvent"));
  }

  @Test
  void tellsAMonitorOfAGoneEventFromOneItsEventNoLongerDeclares() {
    RemoteMonitor gone = written(1, drop("OldEvent", 10));
    RemoteMonitor undeclared = written(2, anomaly("CartEvent"));
    RemoteMonitor undeclaredAndEdited = withQuery(written(3, drop("AddToCartEvent", 5)), "q < 1");

    DriftReport report = DriftDetector.detect(List.of(), CART_EVENTS, List.of(gone, undeclared, undeclaredAndEdited));

    assertThat(report.drifts()).extracting(Drift::name, Drift::kind).containsExactly(
        tuple("Traffic Anomaly with CartEvent", DriftKind.NOT_REGISTERED),
        tuple("Traffic Drop with AddToCartEvent", DriftKind.EDITED),
        tuple("Traffic Drop with OldEvent", DriftKind.ORPHANED));
    assertThat(report.counts()).containsEntry(DriftKind.MISSING, 0).containsEntry(DriftKind.ORPHANED, 1);
  }
}
