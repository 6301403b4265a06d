package dev.esm.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.render.DesiredMonitor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

  @TempDir Path root;

  @Test
  void givesAnImportedEventItsMonitorsOnlyOnce() {
    SchemaFixture schemas = new SchemaFixture(root)
        .file("common/types.avdl", "@namespace(\"com.acme.common\") protocol Types {\n"
            + "  @monitor({\"type\": \"no_traffic\"})\n  @owner(\"team-core\")\n  record PageViewed { string url; }\n}\n")
        .file("cart/cart.avdl", "@namespace(\"com.acme.cart\") protocol Cart {\n  import idl \"../common/types.avdl\";\n"
            + "  @monitor({\"type\": \"no_traffic\"})\n  @owner(\"team-cart\")\n"
            + "  record Clicked { com.acme.common.PageViewed page; }\n}\n");

    Rendering rendering = schemas.render();

    assertThat(rendering.monitors()).extracting(m -> m.definition().name())
        .containsExactly("No Traffic with Clicked", "No Traffic with PageViewed");
    assertThat(rendering.monitors()).filteredOn(m -> m.definition().name().endsWith("PageViewed"))
        .extracting(DesiredMonitor::file).containsExactly(root.resolve("common/types.avdl"));
  }

  @Test
  void leavesAnImportedEventOutOfScopeWhenOnlyTheImportingFileIsRead() {
    SchemaFixture schemas = new SchemaFixture(root)
        .file("common/types.avdl", "protocol Types {\n  @monitor({\"type\": \"no_traffic\"})\n  record PageViewed { string url; }\n}\n")
        .file("cart/cart.avdl", "protocol Cart {\n  import idl \"../common/types.avdl\";\n"
            + "  record Clicked { PageViewed page; }\n}\n");

    Rendering rendering = schemas.render("cart");

    assertThat(rendering.monitors()).isEmpty();
    assertThat(rendering.eventTags()).containsExactly("event:clicked");
  }

  @Test
  void takesTheOwnerFromCodeOwnersWhenTheRecordHasNone() {
    SchemaFixture schemas = new SchemaFixture(root)
        .file("CODEOWNERS", "* @acme/platform\n/cart/ @acme/team-cart\n")
        .file("cart/cart.avdl", "protocol Cart {\n  @monitor({\"type\": \"no_traffic\"})\n  record Clicked { string id; }\n}\n")
        .config("teams:\n  team-cart:\n    slack: \"@slack-cart\"\n  platform:\n    slack: \"@slack-platform\"\n");

    DesiredMonitor monitor = schemas.render().monitors().get(0);

    assertThat(monitor.definition().tags()).contains("team:team-cart");
    assertThat(monitor.definition().message()).endsWith("Notify: @slack-cart");
  }

  @Test
  void routesHandlesBySeverityAndAddsTheAnnotationsOwn() {
    SchemaFixture schemas = new SchemaFixture(root)
        .file("cart.avdl", "protocol Cart {\n"
            + "  @monitor([{\"type\": \"no_traffic\", \"severity\": \"low\"},"
            + " {\"type\": \"traffic_anomaly\", \"severity\": \"critical\", \"notify\": [\"@oncall-lead\"]}])\n"
            + "  @owner(\"team-cart\")\n  record Clicked { string id; }\n}\n")
        .config("teams:\n  team-cart:\n    slack: \"@slack-cart\"\n    pagerduty: \"@pagerduty-cart\"\n");

    Rendering rendering = schemas.render();

    assertThat(rendering.monitors()).extracting(m -> m.definition().message().substring(m.definition().message().lastIndexOf('\n') + 1))
        .containsExactly("Notify: @slack-cart", "Notify: @slack-cart @pagerduty-cart @oncall-lead");
    assertThat(rendering.monitors()).extracting(m -> m.definition().priority()).containsExactly(4, 1);
  }

  @Test
  void rendersTheSameMonitorsWhetherFilesAreParsedInParallelOrNot() {
    var config = new dev.esm.core.config.ConfigLoader().defaults();
    var source = SchemaSource.discover(java.util.List.of(Path.of("../schemas")));

    Rendering parallel = new Workspace(config, 4).render(source, dev.esm.core.render.RenderContext.none());
    Rendering sequential = new Workspace(config, 1).render(source, dev.esm.core.render.RenderContext.none());

    assertThat(parallel.monitors()).hasSizeGreaterThan(10).isEqualTo(sequential.monitors());
    assertThat(parallel.warnings()).isEqualTo(sequential.warnings());
  }

  @Test
  void declaresTheEventsOfAFileWithoutParsingIt() {
    new SchemaFixture(root).file("old.avdl", "protocol Old {\n  import idl \"gone.avdl\";\n  record Clicked { string id; }\n"
        + "  record AddToCartEvent { Gone g; }\n}\n");

    var tags = new Workspace(new dev.esm.core.config.ConfigLoader().defaults())
        .declaredEventTags(java.util.List.of(root.resolve("old.avdl")));

    assertThat(tags).containsExactly("event:clicked", "event:addtocartevent");
  }
}
