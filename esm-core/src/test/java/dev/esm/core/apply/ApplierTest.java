package dev.esm.core.apply;

import static dev.esm.core.plan.MonitorFixtures.IDENTITY;
import static dev.esm.core.plan.MonitorFixtures.anomaly;
import static dev.esm.core.plan.MonitorFixtures.body;
import static dev.esm.core.plan.MonitorFixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.esm.core.apply.ApplyResult.Outcome;
import dev.esm.core.plan.Action;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.plan.MonitorFixtures;
import dev.esm.core.plan.Plan;
import dev.esm.core.plan.Planner;
import dev.esm.core.render.DesiredMonitor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplierTest {

  private FakeDatadog fake;
  private DatadogApiMonitors datadog;

  @BeforeEach
  void startFake() {
    fake = FakeDatadog.start();
    datadog = client(Duration.ofSeconds(5));
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private DatadogApiMonitors client(Duration readTimeout) {
    return new DatadogApiMonitors(
        DatadogSettings.fromEnvironment(fake.environment())
            .withTimeouts(Duration.ofSeconds(2), readTimeout)
            .withRetries(3, Duration.ofMillis(1)));
  }

  private Plan plan(List<DesiredMonitor> desired) {
    Set<String> scope = new HashSet<>();
    desired.forEach(d -> scope.add(d.eventTag()));
    return Planner.plan(desired, scope, datadog.listByTag(IDENTITY));
  }

  private ApplyResult apply(List<DesiredMonitor> desired) {
    return new Applier(datadog, IDENTITY).apply(plan(desired));
  }

  private static List<DesiredMonitor> cart() {
    return List.of(anomaly("CartEvent"), drop("CartEvent", 10), anomaly("AddToCartEvent"), drop("AddToCartEvent", 3));
  }

  @Test
  void createsTheMonitorsThenFindsNothingToChange() {
    ApplyResult first = apply(cart());

    assertThat(first.outcomes()).extracting(Outcome::action).containsOnly(Action.CREATE).hasSize(4);
    assertThat(first.outcomes()).allSatisfy(o -> assertThat(o.url()).isEqualTo(URI.create(fake.baseUrl() + "/monitors/" + o.id())));
    fake.resetCalls();

    Plan again = plan(cart());
    ApplyResult second = new Applier(datadog, IDENTITY).apply(again);

    assertThat(again.hasChanges()).isFalse();
    assertThat(second.outcomes()).extracting(Outcome::action).containsOnly(Action.UNCHANGED).hasSize(4);
    assertThat(fake.calls()).containsOnlyKeys(FakeDatadog.LIST).containsEntry(FakeDatadog.LIST, 1);
  }

  @Test
  void updatesAndDeletesWhatTheAnnotationsChanged() {
    apply(cart());

    ApplyResult result = apply(List.of(anomaly("CartEvent"), drop("CartEvent", 5), anomaly("AddToCartEvent")));

    assertThat(result.outcomes())
        .extracting(Outcome::name, Outcome::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Traffic Anomaly with AddToCartEvent", Action.UNCHANGED),
            org.assertj.core.groups.Tuple.tuple("Traffic Anomaly with CartEvent", Action.UNCHANGED),
            org.assertj.core.groups.Tuple.tuple("Traffic Drop with AddToCartEvent", Action.DELETE),
            org.assertj.core.groups.Tuple.tuple("Traffic Drop with CartEvent", Action.UPDATE));
    assertThat(fake.monitorsNamed("Traffic Drop with CartEvent")).singleElement()
        .satisfies(m -> assertThat(m.path("options").path("thresholds").path("critical").asDouble()).isEqualTo(5.0));
    assertThat(fake.monitorsNamed("Traffic Drop with AddToCartEvent")).isEmpty();
    assertThat(plan(List.of(anomaly("CartEvent"), drop("CartEvent", 5), anomaly("AddToCartEvent"))).hasChanges()).isFalse();
  }

  @Test
  void eachOutcomeCarriesItsEventItsDifferencesAndItsId() {
    apply(cart());

    ApplyResult result = apply(List.of(anomaly("CartEvent"), drop("CartEvent", 5), anomaly("AddToCartEvent")));

    Outcome updated = result.outcomes(Action.UPDATE).get(0);
    assertThat(updated.event().tag()).isEqualTo("event:cartevent");
    assertThat(updated.differences()).extracting(d -> d.field()).containsExactly("query", "options.thresholds.critical");
    assertThat(updated.id()).isEqualTo(fake.monitorsNamed("Traffic Drop with CartEvent").get(0).path("id").asLong());
    Outcome deleted = result.outcomes(Action.DELETE).get(0);
    assertThat(deleted.event().tag()).isEqualTo("event:addtocartevent");
    assertThat(deleted.differences()).isEmpty();
  }

  @Test
  void leavesAnUnmanagedMonitorWithTheSameNameUntouched() {
    DesiredMonitor wanted = anomaly("CartEvent");
    long unmanaged = fake.seed(body(MonitorFixtures.withTags(wanted, "event:cartevent", "team:cart").definition()));
    JsonNode before = fake.monitor(unmanaged).orElseThrow();

    ApplyResult result = apply(List.of(wanted));
    apply(List.of());
    new Applier(datadog, IDENTITY).apply(Planner.plan(List.of(), Set.of("event:cartevent"), datadog.listByTag(IDENTITY), Set.of()));

    assertThat(result.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.action()).isEqualTo(Action.CREATE);
      assertThat(o.id()).isNotEqualTo(unmanaged);
    });
    assertThat(fake.monitor(unmanaged)).contains(before);
  }

  @Test
  void refusesToWriteAnythingWhenTwoManagedMonitorsShareAName() {
    long first = fake.seed(body(anomaly("CartEvent").definition()));
    long second = fake.seed(body(drop("CartEvent", 99).definition()));
    fake.seed(body(MonitorFixtures.withTags(anomaly("CartEvent"), IDENTITY, "event:cartevent").definition()));
    long third = fake.monitorsNamed("Traffic Anomaly with CartEvent").stream().mapToLong(m -> m.path("id").asLong()).max().orElseThrow();
    fake.resetCalls();

    Plan plan = plan(List.of(anomaly("CartEvent"), drop("CartEvent", 10), anomaly("NewEvent")));
    ApplyResult result = new Applier(datadog, IDENTITY).apply(plan);

    assertThat(result.refused()).isTrue();
    assertThat(result.hasFailures()).isTrue();
    assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.ids()).containsExactly(first, third));
    assertThat(fake.writes()).isZero();
    assertThat(fake.monitor(second).orElseThrow().path("query").asText()).endsWith("< 99");
    assertThat(ApplyPrinter.print(result)).contains("(IDs " + first + ", " + third + ")").contains("nothing was changed");
  }

  @Test
  void neverCreatesADuplicateWhenACreateTimesOut() {
    DatadogApiMonitors impatient = client(Duration.ofMillis(300));
    fake.delayNextCreateAnswer(Duration.ofMillis(1500));
    Plan plan = Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), impatient.listByTag(IDENTITY));

    ApplyResult result = new Applier(impatient, IDENTITY).apply(plan);

    List<JsonNode> stored = fake.monitorsNamed("Traffic Anomaly with CartEvent");
    assertThat(stored).hasSize(1);
    assertThat(result.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.action()).isEqualTo(Action.CREATE);
      assertThat(o.id()).isEqualTo(stored.get(0).path("id").asLong());
    });
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(1);
    assertThat(fake.calls(FakeDatadog.LIST)).isEqualTo(2);
  }

  @Test
  void neverCreatesADuplicateWhenACreateIsSavedButAnsweredWithAServerError() {
    fake.failNextCreateAfterSaving(502);
    Plan plan = Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), datadog.listByTag(IDENTITY));

    ApplyResult result = new Applier(datadog, IDENTITY).apply(plan);

    List<JsonNode> stored = fake.monitorsNamed("Traffic Anomaly with CartEvent");
    assertThat(stored).hasSize(1);
    assertThat(result.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.action()).isEqualTo(Action.CREATE);
      assertThat(o.id()).isEqualTo(stored.get(0).path("id").asLong());
    });
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(1);
  }

  @Test
  void reportsACreateWhoseConnectionDroppedAfterSavingAsCreatedOnceTheNameIsFound() {
    fake.dropNextCreateAfterSaving();
    Plan plan = Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), datadog.listByTag(IDENTITY));

    ApplyResult result = new Applier(datadog, IDENTITY).apply(plan);

    List<JsonNode> stored = fake.monitorsNamed("Traffic Anomaly with CartEvent");
    assertThat(stored).hasSize(1);
    assertThat(result.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.action()).isEqualTo(Action.CREATE);
      assertThat(o.error()).isNull();
      assertThat(o.id()).isEqualTo(stored.get(0).path("id").asLong());
    });
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(1);
  }

  @Test
  void createsAgainWhenATimedOutCreateDidNotHappen() {
    DatadogApiMonitors impatient = client(Duration.ofMillis(300));
    fake.delayNextCreateAnswer(Duration.ofMillis(1500));
    Plan plan = Planner.plan(List.of(anomaly("CartEvent")), Set.of("event:cartevent"), impatient.listByTag(IDENTITY));
    // The create is saved and answered late; it vanishes before ESM looks it up, as if it never happened.
    Thread vanish = new Thread(() -> {
      while (fake.monitorsNamed("Traffic Anomaly with CartEvent").isEmpty()) {
        Thread.onSpinWait();
      }
      fake.monitorsNamed("Traffic Anomaly with CartEvent").forEach(m -> fake.remove(m.path("id").asLong()));
    });
    vanish.start();

    ApplyResult result = new Applier(impatient, IDENTITY).apply(plan);

    assertThat(result.outcomes()).singleElement().extracting(Outcome::action).isEqualTo(Action.CREATE);
    assertThat(fake.monitorsNamed("Traffic Anomaly with CartEvent")).hasSize(1);
    assertThat(fake.calls(FakeDatadog.CREATE)).isEqualTo(2);
  }

  @Test
  void reportsAMonitorUsedByAnSloInsteadOfDeletingIt() {
    apply(cart());
    long used = fake.monitorsNamed("Traffic Drop with CartEvent").get(0).path("id").asLong();
    fake.markUsedBySlo(used, "slo-checkout");
    fake.resetCalls();

    ApplyResult result = apply(List.of(anomaly("CartEvent"), anomaly("AddToCartEvent")));

    assertThat(result.outcomes(Action.BLOCKED)).singleElement().satisfies(o -> {
      assertThat(o.id()).isEqualTo(used);
      assertThat(o.error()).contains("slo-checkout");
    });
    assertThat(result.outcomes(Action.DELETE)).extracting(Outcome::name).containsExactly("Traffic Drop with AddToCartEvent");
    assertThat(fake.monitor(used)).isPresent();
    assertThat(fake.calls(FakeDatadog.CAN_DELETE)).isEqualTo(1);
    assertThat(fake.calls(FakeDatadog.DELETE)).isEqualTo(1);
    assertThat(fake.forcedDeletes()).isZero();
  }

  @Test
  void convergesAfterBeingRateLimited() {
    Plan plan = plan(cart());
    fake.throttleNext(10, 1);

    ApplyResult first = new Applier(datadog, IDENTITY).apply(plan);
    ApplyResult second = apply(cart());

    assertThat(first.count(Action.CREATE) + second.count(Action.CREATE)).isEqualTo(4);
    assertThat(second.hasFailures()).isFalse();
    assertThat(fake.monitors()).hasSize(4);
    assertThat(plan(cart()).hasChanges()).isFalse();
    assertThat(fake.calls(FakeDatadog.CREATE)).isGreaterThan(4);
  }

  @Test
  void retriesServerErrors() {
    fake.failNext(3, 502);

    ApplyResult result = apply(cart());

    assertThat(result.count(Action.CREATE)).isEqualTo(4);
    assertThat(fake.monitors()).hasSize(4);
  }

  @Test
  void reportsAPersistentFailureMonitorByMonitorAndCompletesTheRest() {
    fake.rejectWritesOf("Traffic Drop with CartEvent", 500);

    ApplyResult result = apply(cart());

    assertThat(result.hasFailures()).isTrue();
    assertThat(result.outcomes(Action.FAILED)).singleElement().satisfies(o -> {
      assertThat(o.name()).isEqualTo("Traffic Drop with CartEvent");
      assertThat(o.error()).isEqualTo("the create got no clear answer 3 times and the monitor is not in Datadog; apply again");
    });
    assertThat(result.count(Action.CREATE)).isEqualTo(3);
    assertThat(ApplyPrinter.summary(result)).isEqualTo("Apply finished with failures: 3 created, 0 updated, 0 deleted, 0 unchanged, 1 failed.");

    ApplyResult again = apply(cart());
    assertThat(again.count(Action.UNCHANGED)).isEqualTo(3);
    assertThat(again.outcomes(Action.FAILED)).hasSize(1);
  }

  @Test
  void neverWritesToOrDeletesAMonitorLackingTheIdentityTag() {
    DesiredMonitor wanted = drop("CartEvent", 5);
    long foreign = fake.seed(body(MonitorFixtures.withTags(drop("CartEvent", 10), "event:cartevent").definition()));
    long other = fake.seed(body(MonitorFixtures.withTags(anomaly("CartEvent"), "event:cartevent").definition()));
    List<RemoteMonitor> wronglyListed = new ArrayList<>(datadog.listByTag("event:cartevent"));
    fake.resetCalls();

    Plan plan = Planner.plan(List.of(wanted), Set.of("event:cartevent"), wronglyListed);
    ApplyResult result = new Applier(datadog, IDENTITY).apply(plan);

    assertThat(plan.updates()).extracting(Plan.Update::id).containsExactly(foreign);
    assertThat(plan.deletes()).extracting(Plan.Delete::id).containsExactly(other);
    assertThat(result.outcomes(Action.FAILED)).extracting(Outcome::id).containsExactlyInAnyOrder(foreign, other);
    assertThat(result.outcomes(Action.FAILED)).allSatisfy(o -> assertThat(o.error()).contains("lacks the identity tag esm-prod"));
    assertThat(fake.writes()).isZero();
  }

  @Test
  void neverSendsABodyLackingTheIdentityTag() {
    ApplyResult result = new Applier(datadog, IDENTITY).apply(
        Planner.plan(List.of(MonitorFixtures.withTags(anomaly("CartEvent"), "event:cartevent")), Set.of(), List.of()));

    assertThat(result.outcomes(Action.FAILED)).singleElement().satisfies(o -> assertThat(o.error()).contains("lacks the identity tag"));
    assertThat(fake.writes()).isZero();
  }

  @Test
  void keepsAtMostParallelismWritesInFlight() {
    List<DesiredMonitor> many = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      many.add(anomaly("Event" + i));
    }
    Plan plan = plan(many);
    fake.resetCalls();
    fake.latency(Duration.ofMillis(20));

    ApplyResult result = new Applier(datadog, IDENTITY, 3).apply(plan);

    assertThat(result.count(Action.CREATE)).isEqualTo(24);
    assertThat(fake.mostCallsInFlight()).isBetween(2, 3);
  }
}
