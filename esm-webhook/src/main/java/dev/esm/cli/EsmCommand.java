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
    })
public final class EsmCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
