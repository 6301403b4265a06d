package dev.esm.cli;

import picocli.CommandLine.Command;

@Command(
    name = "esm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Event Schema Manager: Datadog monitors declared in Avro IDL schemas.",
    subcommands = {
      ValidateCommand.class,
      RenderCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      CompatCommand.class,
      DriftCommand.class,
      ServeCommand.class,
    })
public final class EsmCommand implements java.util.concurrent.Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private final java.util.Map<String, String> environment;

  public EsmCommand(java.util.Map<String, String> environment) {
    this.environment = java.util.Map.copyOf(environment);
  }

  /** The process environment (credentials, URLs); tests pass their own. */
  java.util.Map<String, String> environment() {
    return environment;
  }

  /** {@code esm} alone names no command: the usage goes to standard error, as for any wrong usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
