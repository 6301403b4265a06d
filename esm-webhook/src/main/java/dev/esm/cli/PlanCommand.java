package dev.esm.cli;

import dev.esm.core.compat.CompatibilityReport;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.plan.PlanPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = DatadogCommand.ENVIRONMENT_HELP, name = "plan", mixinStandardHelpOptions = true,
    description = "Compare the schemas with Datadog and print what apply would create, update and delete.")
final class PlanCommand extends DatadogCommand implements Callable<Integer> {

  @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes (0 when none).")
  boolean detailedExitCode;

  @Option(names = "--prune", description = "Also plan deleting managed monitors whose event no longer exists under the paths.")
  boolean prune;

  @Option(names = "--base", paramLabel = "REF",
      description = "Also check the schemas' compatibility against commit REF (as esm compat does); incompatible changes are warnings.")
  String base;

  @Override
  public Integer call() {
    if (base != null) {
      warnAboutCompatibility(base);
    }
    return withPlan(prune, (reconciler, plan) -> {
      out().print(PlanPrinter.print(plan));
      out().flush();
      if (plan.hasConflicts()) {
        return ExitCode.REMOTE;
      }
      return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    });
  }

  /** Prints each incompatible change against {@code ref} as a warning, at its line. */
  private void warnAboutCompatibility(String ref) {
    EsmConfig config = options.loadConfig();
    CompatibilityReport report = BaseComparison.check(options.source(), options.paths, ref, config.compatibility().mode(), err())
        .report();
    Path cwd = Path.of("").toAbsolutePath();
    report.diagnostics(false).forEach(d -> err().println(d.format(cwd)));
    err().flush();
  }
}
