package dev.esm.webhook;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.golden.Golden;
import dev.esm.github.ChangedFile;
import dev.esm.github.PullRequestSnapshot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code coverage.sources}, the plan comment names the changed events that are emitted without a monitor. */
class PlanBlindSpotsTest {

  @TempDir Path base;
  @TempDir Path head;

  @Test
  void warnsAboutAChangedEventEmittedWithoutAMonitor() throws Exception {
    Files.createDirectories(head.resolve("schemas"));
    Files.writeString(head.resolve("schemas/orders.avdl"), """
        @namespace("com.acme.events.orders")
        protocol Orders {
          @monitor({"type": "no_traffic"})
          @owner("team-orders")
          record OrderPlaced { string id; }

          @owner("team-orders")
          record OrderCancelled { string id; }
        }
        """);
    Files.createDirectories(head.resolve("services/shop"));
    Files.writeString(head.resolve("services/shop/Shop.java"), """
        package shop;

        import com.acme.events.orders.*;

        class Shop {
          Object place() { return OrderPlaced.newBuilder().setId("o-1").build(); }
          Object cancel() { return OrderCancelled.newBuilder().setId("o-1").build(); }
        }
        """);
    EsmConfig config = new ConfigLoader().parse("""
        github:
          repositories: [acme/event-schemas]
        coverage:
          sources: [services]
        """, Path.of("esm.yaml"));
    PullRequestSnapshot pr = new PullRequestSnapshot("acme/event-schemas", 42,
        URI.create("https://github.com/acme/event-schemas/pull/42"), "head-sha", "base-sha", "main",
        URI.create("https://github.com/acme/event-schemas"), "alice", base, head,
        List.of(new ChangedFile(ChangedFile.Status.ADDED, "schemas/orders.avdl", null)));

    try (FakeDatadog datadog = FakeDatadog.start();
        DatadogApiMonitors client = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()))) {
      CommandResult result = new RegistrationEngine(config, client, null).plan(pr);

      Golden.assertMatches(getClass(), "plan-blind-spot.md",
          String.join("\n---\n", new ResultCommentRenderer().result(Commands.PLAN, pr, result)));
    }
  }
}
