package dev.esm.cli;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Parse every .avdl file under the paths and check every annotation.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin SchemaOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    EsmConfig config = options.loadConfig();
    SchemaSource source = options.source();
    Rendering rendering = new Workspace(config).render(source, SchemaOptions.renderContext(config));
    Output.warnings(spec.commandLine().getErr(), rendering);
    spec.commandLine().getOut().println("ok: " + Output.count(rendering.files(), "schema file") + ", "
        + Output.count(rendering.events().size(), "record") + ", "
        + Output.count(rendering.monitors().size(), "monitor") + " on " + Output.count((int) rendering.monitoredEvents(), "event")
        + (rendering.warnings().isEmpty() ? "" : ", " + Output.count(rendering.warnings().size(), "warning")));
    return ExitCode.OK;
  }
}
