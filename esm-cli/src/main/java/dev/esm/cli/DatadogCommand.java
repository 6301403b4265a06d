package dev.esm.cli;

import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.plan.Plan;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Registration;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code plan} and {@code apply} share: validate everything first (so that nothing reaches
 * Datadog when a schema is invalid), then list the managed monitors once and plan.
 */
abstract class DatadogCommand {

  static final String ENVIRONMENT_HELP = "%nEnvironment: DD_API_KEY and DD_APP_KEY (required), DD_SITE (default datadoghq.com),"
      + " ESM_DATADOG_URL (a base URL replacing the site's).%nExit status: 0 done, 1 invalid schemas, 2 wrong usage"
      + " (plan --detailed-exitcode: changes), 3 Datadog unreachable, refusing, or a monitor failed.";

  @Mixin SchemaOptions options;
  @Spec CommandSpec spec;
  @ParentCommand EsmCommand parent;

  /** Runs with a plan in hand; the Datadog client is closed afterwards. */
  protected int withPlan(boolean prune, PlanAction action) {
    EsmConfig config = options.loadConfig();
    SchemaSource source = options.source();
    Rendering rendering = new Workspace(config).render(source, SchemaOptions.renderContext(config));
    Output.warnings(err(), rendering);
    try (DatadogApiMonitors datadog = new DatadogApiMonitors(DatadogSettings.fromEnvironment(parent.environment(), config.datadog()))) {
      Reconciler reconciler = new Reconciler(config, datadog);
      Plan plan = reconciler.plan(rendering, rendering.eventTags(), prune ? rendering.eventTags() : null,
          Registration.KEEPING_LAST_PULL_REQUEST);
      return action.run(reconciler, plan);
    }
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @FunctionalInterface
  interface PlanAction {
    int run(Reconciler reconciler, Plan plan);
  }
}
