package dev.esm.cli;

import dev.esm.core.apply.ApplyPrinter;
import dev.esm.core.apply.ApplyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = DatadogCommand.ENVIRONMENT_HELP, name = "apply", mixinStandardHelpOptions = true,
    description = "Make Datadog match the schemas: create, update and delete the managed monitors of the events under the paths.")
final class ApplyCommand extends DatadogCommand implements Callable<Integer> {

  @Option(names = "--prune", description = "Also delete managed monitors whose event no longer exists under the paths.")
  boolean prune;

  @Override
  public Integer call() {
    return withPlan(prune, (reconciler, plan) -> {
      if (!plan.hasChanges() && !plan.hasConflicts()) {
        out().println("No changes. " + plan.unchanged().size() + " managed monitors already match the schemas.");
        return ExitCode.OK;
      }
      ApplyResult result = reconciler.apply(plan);
      out().print(ApplyPrinter.print(result));
      out().flush();
      return result.refused() || result.hasFailures() || result.hasBlocked() ? ExitCode.REMOTE : ExitCode.OK;
    });
  }
}
