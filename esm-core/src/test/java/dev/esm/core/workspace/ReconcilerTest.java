package dev.esm.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.config.LimitExceededException;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.drift.DriftDetector;
import dev.esm.core.drift.DriftReport;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.RenderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and the webhook take turns on the same monitors without fighting. */
class ReconcilerTest {

  static final RenderContext PULL_REQUEST =
      new RenderContext("https://github.com/acme/event-schemas", "main", "https://github.com/acme/event-schemas/pull/42");
  static final RenderContext COMMAND_LINE = new RenderContext("https://github.com/acme/event-schemas", "main", null);

  @TempDir Path root;
  FakeDatadog fake;
  DatadogApiMonitors datadog;
  EsmConfig config = new ConfigLoader().defaults();

  @BeforeEach
  void start() throws Exception {
    fake = FakeDatadog.start();
    datadog = new DatadogApiMonitors(DatadogSettings.fromEnvironment(fake.environment(), config.datadog()));
    schema("{\"type\": \"traffic_drop\", \"threshold\": 10}");
  }

  @AfterEach
  void stop() {
    datadog.close();
    fake.close();
  }

  private void schema(String monitor) throws Exception {
    Files.writeString(root.resolve("cart.avdl"), "protocol Cart {\n  @monitor(" + monitor + ")\n  @owner(\"team-cart\")\n"
        + "  record AddToCartEvent { string id; }\n}\n");
  }

  private Plan plan(RenderContext context) {
    Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(root)), context);
    Registration registration = context.pullRequestUrl() == null
        ? Registration.KEEPING_LAST_PULL_REQUEST : Registration.BY_PULL_REQUEST;
    return new Reconciler(config, datadog).plan(rendering, rendering.eventTags(), null, registration);
  }

  @Test
  void refusesToPlanMoreMonitorsThanTheLimitBeforeAskingDatadog() throws Exception {
    schema("[{\"type\": \"traffic_drop\", \"threshold\": 10}, {\"type\": \"no_traffic\"}]");
    config = new ConfigLoader().parse("limits:\n  max_monitors: 1\n", root.resolve("esm.yaml"));
    Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(root)), PULL_REQUEST);

    assertThatThrownBy(() -> new Reconciler(config, datadog).plan(rendering, rendering.eventTags(), null, Registration.BY_PULL_REQUEST))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.key()).isEqualTo("max_monitors"))
        .hasMessage("limits.max_monitors is 1; got 2 monitors declared");
    assertThat(fake.totalCalls()).isZero();
  }

  @Test
  void findsNoDriftWhereverTheLinksOfTheMessagePointAfterAPullRequestRegistered() {
    new Reconciler(config, datadog).apply(plan(PULL_REQUEST));

    for (RenderContext context : List.of(COMMAND_LINE, RenderContext.none(),
        new RenderContext("https://github.com/acme/event-schemas", "0123abc", null))) {
      Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(root)), context);
      DriftReport report = DriftDetector.detect(rendering.monitors(), rendering.eventTags(), datadog.listByTag(config.identityTag()));

      assertThat(report.hasDrift()).as(context.toString()).isFalse();
      assertThat(report.inStep()).isEqualTo(1);
    }
  }

  @Test
  void seesNoChangeFromTheCommandLineAfterAPullRequestRegistered() {
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan(PULL_REQUEST));

    Plan fromCommandLine = plan(COMMAND_LINE);

    assertThat(fromCommandLine.hasChanges()).isFalse();
    assertThat(fromCommandLine.unchanged()).hasSize(1);
  }

  @Test
  void keepsThePullRequestThatLastRegisteredAMonitorWhenTheCommandLineChangesIt() throws Exception {
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan(PULL_REQUEST));
    schema("{\"type\": \"traffic_drop\", \"threshold\": 5}");

    Plan fromCommandLine = plan(COMMAND_LINE);
    reconciler.apply(fromCommandLine);

    assertThat(fromCommandLine.updates()).singleElement()
        .satisfies(u -> assertThat(u.differences()).extracting(d -> d.field()).contains("query"));
    assertThat(fake.monitorsNamed("Traffic Drop with AddToCartEvent").get(0).path("message").asText())
        .contains("Fewer than 5 AddToCartEvent events")
        .contains("- **Registered by:** https://github.com/acme/event-schemas/pull/42");
  }

  @Test
  void writesTheNewPullRequestWhenAPullRequestRegistersAgain() {
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan(PULL_REQUEST));

    Plan fromAnotherPullRequest = plan(new RenderContext("https://github.com/acme/event-schemas", "main",
        "https://github.com/acme/event-schemas/pull/43"));

    assertThat(fromAnotherPullRequest.updates()).singleElement()
        .satisfies(u -> assertThat(u.differences()).extracting(d -> d.field()).containsExactly("message"));
  }

  // ---------------------------------------------------------------- restore on close, conflicts

  static final String PR_42 = "https://github.com/acme/event-schemas/pull/42";

  /** The default branch, declaring the drop at {@code threshold}, rendered as the command line renders it. */
  private Rendering defaultBranch(Path folder, int threshold) throws Exception {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("cart.avdl"), "protocol Cart {\n  @monitor({\"type\": \"traffic_drop\", \"threshold\": "
        + threshold + "})\n  @owner(\"team-cart\")\n  record AddToCartEvent { string id; }\n}\n");
    return new Workspace(config).render(SchemaSource.discover(List.of(folder)), COMMAND_LINE);
  }

  private SchemaChange cartChanged() {
    return new SchemaChange(root, List.of(root.resolve("cart.avdl")), root, List.of(root.resolve("cart.avdl")));
  }

  @Test
  void restoresWhatAClosedPullRequestRegisteredInPlaceAndNamesNoPullRequest() throws Exception {
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan(PULL_REQUEST));
    long id = fake.monitorsNamed("Traffic Drop with AddToCartEvent").get(0).get("id").asLong();

    Restoration restoration = reconciler.planRestore(cartChanged(), defaultBranch(root.resolve("main"), 5), PR_42);
    reconciler.apply(restoration.plan());

    assertThat(restoration.leftAlone()).isEmpty();
    assertThat(restoration.plan().updates()).singleElement().satisfies(u -> assertThat(u.id()).isEqualTo(id));
    String message = fake.monitorsNamed("Traffic Drop with AddToCartEvent").get(0).path("message").asText();
    assertThat(message).contains("Fewer than 5 AddToCartEvent events").doesNotContain("Registered by");
    assertThat(datadog.listByTag(config.identityTag())).singleElement().satisfies(m -> assertThat(m.registeredBy()).isNull());
  }

  @Test
  void leavesAnEventAnotherPullRequestRegisteredLastAloneOnRestore() throws Exception {
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan(new RenderContext("https://github.com/acme/event-schemas", "main",
        "https://github.com/acme/event-schemas/pull/7")));

    Restoration restoration = reconciler.planRestore(cartChanged(), defaultBranch(root.resolve("main"), 5), PR_42);

    assertThat(restoration.plan().hasChanges()).isFalse();
    assertThat(restoration.leftAlone()).containsOnlyKeys(
        dev.esm.core.render.PullRequestLink.of("https://github.com/acme/event-schemas/pull/7"));
    assertThat(restoration.leftAlone().values()).containsExactly(List.of("Traffic Drop with AddToCartEvent"));
  }

  @Test
  void namesTheOtherPullRequestThatLastRegisteredAMonitorAPlanChanges() {
    Reconciler reconciler = new Reconciler(config, datadog);
    reconciler.apply(plan(new RenderContext("https://github.com/acme/event-schemas", "main",
        "https://github.com/acme/event-schemas/pull/7/")));

    Plan plan = plan(PULL_REQUEST);

    assertThat(plan.changesRegisteredByOthers(PR_42).entrySet()).singleElement().satisfies(e -> {
      assertThat(e.getKey().number()).isEqualTo(7);
      assertThat(e.getKey().repositoryUrl()).isEqualTo("https://github.com/acme/event-schemas");
      assertThat(e.getValue()).containsExactly("Traffic Drop with AddToCartEvent");
    });
    assertThat(plan.changesRegisteredByOthers("https://github.com/acme/event-schemas/pull/7")).isEmpty();
  }
}
