package dev.esm.cli;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.render.MonitorJson;
import dev.esm.core.render.TerraformJson;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print the monitors the schemas declare, as Datadog API bodies (JSON) or Terraform JSON. Needs no credentials.")
final class RenderCommand implements Callable<Integer> {

  enum Format { json, terraform }

  @Mixin SchemaOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (a JSON array of Datadog monitor bodies) or terraform (datadog_monitor resources). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() {
    EsmConfig config = options.loadConfig();
    Rendering rendering = new Workspace(config).render(options.source(), SchemaOptions.renderContext(config));
    Output.warnings(spec.commandLine().getErr(), rendering);
    String document = format == Format.json ? MonitorJson.array(rendering.monitors()) : TerraformJson.document(rendering.monitors());
    spec.commandLine().getOut().print(document);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
