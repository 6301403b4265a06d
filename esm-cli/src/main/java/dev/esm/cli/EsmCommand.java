package dev.esm.cli;

import picocli.CommandLine.Command;

@Command(
    name = "esm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Event Schema Manager: Datadog monitors declared in Avro IDL schemas.")
public final class EsmCommand implements java.util.concurrent.Callable<Integer> {

  /**
   * The subcommands, by name, in the order the usage lists them. {@link Main} registers only the
   * one a run names (all of them for the usage), so that {@code validate} loads nothing of the
   * service.
   */
  static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();

  private static java.util.Map<String, java.util.function.Supplier<Object>> subcommands() {
    java.util.Map<String, java.util.function.Supplier<Object>> all = new java.util.LinkedHashMap<>();
    all.put("validate", ValidateCommand::new);
    all.put("render", RenderCommand::new);
    all.put("plan", PlanCommand::new);
    all.put("apply", ApplyCommand::new);
    all.put("compat", CompatCommand::new);
    all.put("drift", DriftCommand::new);
    all.put("serve", ServeCommand::new);
    all.put("coverage", CoverageCommand::new);
    return java.util.Collections.unmodifiableMap(all);
  }

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
