package dev.esm.core.plan;

import static dev.esm.core.plan.MonitorFixtures.anomaly;
import static dev.esm.core.plan.MonitorFixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.golden.Golden;
import dev.esm.core.datadog.RemoteMonitor;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {

  @Test
  void printsEveryKindOfChangeLikeTerraform() throws IOException {
    Plan plan =
        Planner.plan(
            List.of(
                anomaly("AddToCartEvent"),
                drop("CartEvent", 5),
                MonitorFixtures.withTags(anomaly("CartEvent"), "esm-prod", "event:cartevent", "team:cart"),
                anomaly("PageView"),
                anomaly("Checkout")),
            Set.of("event:addtocartevent", "event:cartevent", "event:pageview", "event:checkout", "event:oldevent"),
            List.of(
                new RemoteMonitor(101, drop("CartEvent", 10).definition()),
                new RemoteMonitor(102, anomaly("CartEvent").definition()),
                new RemoteMonitor(103, anomaly("PageView").definition()),
                new RemoteMonitor(104, anomaly("OldEvent").definition()),
                new RemoteMonitor(105, anomaly("Checkout").definition()),
                new RemoteMonitor(106, anomaly("Checkout").definition())));

    Golden.assertMatches(getClass(), "every-change.txt", PlanPrinter.print(plan));
  }

  @Test
  void saysWhenThereIsNothingToDo() throws IOException {
    Plan plan =
        Planner.plan(
            List.of(anomaly("CartEvent"), drop("CartEvent", 10)),
            Set.of("event:cartevent"),
            List.of(new RemoteMonitor(1, anomaly("CartEvent").definition()), new RemoteMonitor(2, drop("CartEvent", 10).definition())));

    Golden.assertMatches(getClass(), "no-changes.txt", PlanPrinter.print(plan));
  }

}
