package dev.esm.core.plan;

import static dev.esm.core.plan.MonitorFixtures.anomaly;
import static dev.esm.core.plan.MonitorFixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.EventRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static RemoteMonitor remote(long id, DesiredMonitor monitor) {
    return new RemoteMonitor(id, monitor.definition());
  }

  @Test
  void createsWhatDatadogLacks() {
    Plan plan = Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), List.of());

    assertThat(plan.creates()).extracting(Plan.Create::name).containsExactly("Traffic Anomaly with CartEvent");
    assertThat(plan.hasChanges()).isTrue();
  }

  @Test
  void leavesAnUnchangedMonitorUnchanged() {
    Plan plan =
        Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), List.of(remote(1, anomaly("CartEvent"))));

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.unchanged()).extracting(Plan.Unchanged::id).containsExactly(1L);
  }

  @Test
  void updatesAChangedMonitorWithTheFieldsThatDiffer() {
    Plan plan = Planner.plan(List.of(drop("CartEvent", 5)), Set.of("event:cartevent"), List.of(remote(1, drop("CartEvent", 10))));

    assertThat(plan.updates()).singleElement().satisfies(update -> {
      assertThat(update.id()).isEqualTo(1);
      assertThat(update.differences()).extracting(FieldDifference::field).containsExactly("query", "options.thresholds.critical");
    });
  }

  @Test
  void entriesCarryTheEventTheActionTheDifferencesAndTheId() {
    EventRef cart = new EventRef("CartEvent", "com.acme.CartEvent", "event:cartevent");
    EventRef gone = new EventRef("GoneEvent", null, "event:goneevent");
    DesiredMonitor wanted = drop("CartEvent", 5);
    wanted = new DesiredMonitor(wanted.definition(), cart, wanted.kind(), wanted.file(), wanted.line());

    Plan plan = Planner.plan(List.of(wanted, new DesiredMonitor(anomaly("CartEvent").definition(), cart, "traffic_anomaly",
            null, 0)), Set.of("event:cartevent", "event:goneevent"),
        List.of(remote(1, drop("CartEvent", 10)), remote(2, anomaly("GoneEvent"))), null, List.of(cart, gone));

    assertThat(plan.entries()).extracting(Plan.Entry::action, Plan.Entry::event, Plan.Entry::monitorName,
            Plan.Entry::datadogId, Plan.Entry::reason)
        .containsExactly(
            tuple(Action.CREATE, cart, "Traffic Anomaly with CartEvent", null, ""),
            tuple(Action.UPDATE, cart, "Traffic Drop with CartEvent", 1L, ""),
            tuple(Action.DELETE, gone, "Traffic Anomaly with GoneEvent", 2L, "no longer declared"));
    assertThat(plan.entries().get(1).differences()).extracting(FieldDifference::field)
        .containsExactly("query", "options.thresholds.critical");
  }

  @Test
  void deletesMonitorWhenItsAnnotationIsRemoved() {
    Plan plan =
        Planner.plan(
            List.of(anomaly("CartEvent")),
            Set.of("event:cartevent"),
            List.of(remote(1, anomaly("CartEvent")), remote(2, drop("CartEvent", 10))));

    assertThat(plan.deletes()).singleElement().satisfies(delete -> {
      assertThat(delete.id()).isEqualTo(2);
      assertThat(delete.reason()).isEqualTo(Plan.DeleteReason.NOT_DECLARED);
    });
  }

  @Test
  void deletesEveryMonitorOfAnEventInScopeThatDeclaresNone() {
    Plan plan = Planner.plan(List.of(), Set.of("event:cartevent"), List.of(remote(1, anomaly("CartEvent")), remote(2, drop("CartEvent", 10))));

    assertThat(plan.deletes()).extracting(Plan.Delete::id).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void neverTouchesMonitorsOfEventsOutOfScope() {
    Plan plan =
        Planner.plan(
            List.of(anomaly("CartEvent")),
            Set.of("event:cartevent"),
            List.of(remote(1, anomaly("CartEvent")), remote(2, anomaly("PageView")), remote(3, drop("PageView", 1))));

    assertThat(plan.deletes()).isEmpty();
    assertThat(plan.updates()).isEmpty();
    assertThat(plan.unchanged()).extracting(Plan.Unchanged::id).containsExactly(1L);
  }

  @Test
  void prunesMonitorsOfEventsNoLongerUnderThePaths() {
    Plan plan =
        Planner.plan(
            List.of(anomaly("CartEvent")),
            Set.of("event:cartevent", "event:pageview"),
            List.of(remote(1, anomaly("CartEvent")), remote(2, anomaly("PageView")), remote(3, anomaly("GoneEvent"))),
            Set.of("event:cartevent", "event:pageview"));

    assertThat(plan.deletes()).extracting(Plan.Delete::id, Plan.Delete::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(2L, Plan.DeleteReason.NOT_DECLARED),
            org.assertj.core.groups.Tuple.tuple(3L, Plan.DeleteReason.EVENT_GONE));
  }

  @Test
  void keepsMonitorsOfEventsOutOfScopeWithoutPrune() {
    Plan plan = Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), List.of(remote(3, anomaly("GoneEvent"))));

    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void reportsANameSharedByTwoManagedMonitorsWithBothIds() {
    Plan plan =
        Planner.plan(
            List.of(anomaly("CartEvent")),
            Set.of("event:cartevent"),
            List.of(remote(7, anomaly("CartEvent")), remote(3, anomaly("CartEvent"))));

    assertThat(plan.conflicts()).containsExactly(
        new Plan.Conflict("Traffic Anomaly with CartEvent", List.of(3L, 7L), EventRef.ofTag("event:cartevent")));
    assertThat(plan.hasChanges()).isFalse();
  }

  @Test
  void ignoresSharedNamesOfEventsOutOfScope() {
    Plan plan =
        Planner.plan(
            List.of(anomaly("CartEvent")),
            Set.of("event:cartevent"),
            List.of(remote(1, anomaly("CartEvent")), remote(2, anomaly("PageView")), remote(3, anomaly("PageView"))));

    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void refusesTwoDesiredMonitorsWithOneName() {
    assertThatThrownBy(() -> Planner.plan(List.of(anomaly("CartEvent"), anomaly("CartEvent")), Set.of(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("monitor name 'Traffic Anomaly with CartEvent' is already declared at schemas/cart.avdl:7");
  }
}
