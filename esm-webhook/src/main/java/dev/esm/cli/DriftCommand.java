package dev.esm.cli;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.drift.DriftDetector;
import dev.esm.core.drift.DriftPrinter;
import dev.esm.core.drift.DriftReport;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Compare Datadog with the schemas and print every managed monitor that left them: edited in Datadog,"
        + " not registered, missing or orphaned. Never writes.",
    footer = "%nEnvironment: DD_API_KEY and DD_APP_KEY (required), DD_SITE (default datadoghq.com),"
        + " ESM_DATADOG_URL (a base URL replacing the site's).%nExit status: 0 no drift, 1 invalid schemas,"
        + " 2 drift, 3 Datadog unreachable or refusing.")
final class DriftCommand implements Callable<Integer> {

  enum Format { text, json }

  @Mixin SchemaOptions options;
  @Spec CommandSpec spec;
  @ParentCommand EsmCommand parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (for people) or json (for scripts). Default: ${DEFAULT-VALUE}.")
  Format format;

  /** Drift was found; 2 like {@code plan --detailed-exitcode}'s changes. */
  static final int DRIFT = 2;

  @Override
  public Integer call() {
    EsmConfig config = options.loadConfig();
    Rendering rendering = new Workspace(config).render(options.source(), SchemaOptions.renderContext(config));
    Output.warnings(spec.commandLine().getErr(), rendering);
    try (DatadogApiMonitors datadog = new DatadogApiMonitors(Reconciler.settings(config, parent.environment()))) {
      DriftReport report = DriftDetector.detect(rendering.monitors(), rendering.eventTags(),
          datadog.listByTag(config.identityTag()));
      String printed = format == Format.json
          ? DriftPrinter.json(report)
          : DriftPrinter.text(report, datadog::monitorUrl, Path.of("").toAbsolutePath());
      spec.commandLine().getOut().print(printed);
      spec.commandLine().getOut().flush();
      return report.hasDrift() ? DRIFT : ExitCode.OK;
    }
  }
}
