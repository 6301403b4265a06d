package dev.esm.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.RenderContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coverage.sources}: monitor messages say where their event is emitted; blind spots are warnings. */
class EmissionNotesTest {

  private static final String SCHEMA = """
      @namespace("com.acme.events.orders")
      protocol Orders {
        @monitor({"type": "no_traffic"})
        @owner("team-orders")
        record OrderPlaced { string id; }

        @monitor({"type": "no_traffic"})
        @owner("team-orders")
        record OrderShipped { string id; }

        @owner("team-orders")
        record OrderCancelled { string id; }
      }
      """;

  @TempDir Path root;

  @Test
  void linksAtMostFiveSitesInTheMessageAndCountsTheRest() {
    StringBuilder service = new StringBuilder("package shop;\nimport com.acme.events.orders.*;\nclass Shop {\n");
    for (int i = 0; i < 7; i++) {
      service.append("  Object place").append(i).append("() { return OrderPlaced.newBuilder().build(); }\n");
    }
    service.append("  Object cancel() { return new OrderCancelled(); }\n}\n");
    Rendering rendering = fixture("coverage:\n  sources: [services]\n")
        .file("services/shop/Shop.java", service.toString())
        .file("services/shop/Broken.java", "class Broken {")
        .renderWithLinks();

    assertThat(message(rendering, "No Traffic with OrderPlaced")).contains("\n- **Emitted at:** "
        + "[services/shop/Shop.java:4](https://github.com/acme/event-schemas/blob/main/services/shop/Shop.java#L4), "
        + "[services/shop/Shop.java:5](https://github.com/acme/event-schemas/blob/main/services/shop/Shop.java#L5), "
        + "[services/shop/Shop.java:6](https://github.com/acme/event-schemas/blob/main/services/shop/Shop.java#L6), "
        + "[services/shop/Shop.java:7](https://github.com/acme/event-schemas/blob/main/services/shop/Shop.java#L7), "
        + "[services/shop/Shop.java:8](https://github.com/acme/event-schemas/blob/main/services/shop/Shop.java#L8)"
        + " and 2 more\n");
    assertThat(message(rendering, "No Traffic with OrderShipped"))
        .contains("\n- **Emitted at:** no site found in `services`: check that a service still sends this event\n");
    assertThat(rendering.warnings().stream().map(w -> w.format(root)).toList()).containsExactly(
        "orders.avdl:12:3: warning: OrderCancelled is emitted (first at services/shop/Shop.java:11) but has no monitor: a blind spot",
        "services/shop/Broken.java:1: warning: does not parse as Java, skipped: Parse error. Found <EOF>");
  }

  @Test
  void keepsTheSitesOutOfWhatDriftComparesSinceTheyFollowTheCodeNotTheSchemas() {
    Rendering rendering = fixture("coverage:\n  sources: [services]\n")
        .file("services/Shop.java", "class Shop { Object o = com.acme.events.orders.OrderPlaced.newBuilder(); }")
        .renderWithLinks();

    String message = message(rendering, "No Traffic with OrderPlaced");
    assertThat(message).contains("- **Emitted at:** [services/Shop.java:1]");
    assertThat(dev.esm.core.render.MessageComposer.withoutLinks(message)).doesNotContain("Emitted at").contains("- **Owner:** team-orders");
  }

  @Test
  void leavesMessagesAloneWithoutCoverageSources() {
    Rendering rendering = fixture("").file("services/Shop.java", "class Shop { Object o = new com.acme.events.orders.OrderCancelled(); }")
        .renderWithLinks();

    assertThat(message(rendering, "No Traffic with OrderPlaced")).doesNotContain("Emitted at");
    assertThat(rendering.warnings()).isEmpty();
  }

  @Test
  void neverReadsAFolderOutsideTheRepository() {
    Rendering rendering = fixture("coverage:\n  sources: [../elsewhere]\n").renderWithLinks();

    assertThat(rendering.warnings()).singleElement().satisfies(w -> assertThat(w.message())
        .isEqualTo("coverage.sources: \"../elsewhere\" lies outside the schema repository; not read"));
  }

  private Fixture fixture(String yaml) {
    return new Fixture(yaml).file("CODEOWNERS", "* @acme/team-orders\n").file("orders.avdl", SCHEMA);
  }

  private static String message(Rendering rendering, String name) {
    return rendering.monitors().stream().map(DesiredMonitor::definition).filter(d -> d.name().equals(name))
        .findFirst().orElseThrow().message();
  }

  private final class Fixture {
    private final SchemaFixture files = new SchemaFixture(root);
    private final String yaml;

    Fixture(String yaml) {
      this.yaml = yaml;
    }

    Fixture file(String relative, String text) {
      files.file(relative, text);
      return this;
    }

    Rendering renderWithLinks() {
      var config = new ConfigLoader().parse(yaml, root.resolve("esm.yaml"));
      return new Workspace(config).render(SchemaSource.discover(List.of(root.resolve("orders.avdl"))),
          new RenderContext("https://github.com/acme/event-schemas", "main", null));
    }
  }
}
