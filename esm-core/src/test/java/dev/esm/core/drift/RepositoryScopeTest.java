package dev.esm.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepositoryScopeTest {

  private static final String SCHEMAS = "https://github.com/acme/event-schemas";
  private static final Set<String> DECLARED = Set.of("event:addtocartevent");

  private static RemoteMonitor monitor(long id, String eventTag, String schemaLine) {
    String message = "**Traffic Drop with X** (severity medium, P3)\n\n- **Event:** `X`\n" + schemaLine + "\n- **Owner:** team-cart";
    return new RemoteMonitor(id, new MonitorDefinition("Traffic Drop with X" + id, "query alert", "q < 1", message,
        List.of("esm-prod", eventTag), 3, Map.of()));
  }

  private static RemoteMonitor linked(long id, String eventTag, String repository) {
    return monitor(id, eventTag, "- **Schema:** [cart/x.avdl](" + repository + "/blob/main/cart/x.avdl#L4)");
  }

  @Test
  void answersForTheEventsItsDefaultBranchDeclaresWhereverTheyLink() {
    RemoteMonitor declared = linked(1, "event:addtocartevent", "https://github.com/acme/other-schemas");

    assertThat(new RepositoryScope(SCHEMAS, false).judged(List.of(declared), DECLARED)).containsExactly(declared);
  }

  @Test
  void answersForAnUndeclaredEventOnlyWhenItsSchemaLinkPointsIntoTheRepository() {
    RemoteMonitor ours = linked(1, "event:goneevent", "https://github.com/ACME/Event-Schemas");
    RemoteMonitor theirs = linked(2, "event:otherevent", "https://github.com/acme/other-schemas");
    RemoteMonitor prefix = linked(3, "event:otherevent", "https://github.com/acme/event-schemas-archive");

    assertThat(new RepositoryScope(SCHEMAS + "/", false).judged(List.of(ours, theirs, prefix), DECLARED)).containsExactly(ours);
  }

  @Test
  void judgesAMonitorLinkingNoSchemaOnlyWhenItServesThisRepositoryAlone() {
    RemoteMonitor unlinked = monitor(1, "event:goneevent", "- **Schema:** `cart/x.avdl`");

    assertThat(new RepositoryScope(SCHEMAS, true).judged(List.of(unlinked), DECLARED)).containsExactly(unlinked);
    assertThat(new RepositoryScope(SCHEMAS, false).judged(List.of(unlinked), DECLARED)).isEmpty();
  }
}
