package dev.esm.cli;

import dev.esm.core.plan.PlanPrinter;
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

  @Override
  public Integer call() {
    return withPlan(prune, (reconciler, plan) -> {
      out().print(PlanPrinter.print(plan));
      out().flush();
      if (plan.hasConflicts()) {
        return ExitCode.REMOTE;
      }
      return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    });
  }
}
