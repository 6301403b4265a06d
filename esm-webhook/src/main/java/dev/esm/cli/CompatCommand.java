package dev.esm.cli;

import dev.esm.core.compat.CompatibilityMode;
import dev.esm.core.compat.CompatibilityReport;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.EsmException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compat", mixinStandardHelpOptions = true,
    description = "Check each record under the paths, as in the working tree, against the record of the same full name at"
        + " commit REF, with Avro's schema compatibility rules (compatibility.mode).",
    footer = "%nExit status: 0 compatible, 1 incompatible (or a schema of the working tree does not parse),"
        + " 2 wrong usage or REF is not a commit.")
final class CompatCommand implements Callable<Integer> {

  @Mixin SchemaOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--base", paramLabel = "REF", required = true,
      description = "The commit (branch, tag, SHA) whose schemas are the old version.")
  String base;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "none, backward, forward or full; overrides compatibility.mode (default: backward).")
  String mode;

  @Override
  public Integer call() {
    EsmConfig config = options.loadConfig();
    CompatibilityMode chosen = mode == null ? config.compatibility().mode() : parseMode(mode);
    PrintWriter err = spec.commandLine().getErr();
    CompatibilityReport report = BaseComparison.check(options.source(), options.paths, base, chosen, err).report();
    Path cwd = Path.of("").toAbsolutePath();
    report.diagnostics(true).forEach(d -> err.println(d.format(cwd)));
    err.flush();
    String checked = Output.count(report.recordsChecked(), "changed record") + " checked against " + base + " ("
        + chosen.yamlName() + ")";
    if (report.isCompatible()) {
      spec.commandLine().getOut().println("compatible: " + checked);
      return ExitCode.OK;
    }
    spec.commandLine().getOut().println(Output.count(report.incompatibilities().size(), "incompatible change") + ": " + checked);
    return ExitCode.INVALID;
  }

  static CompatibilityMode parseMode(String value) {
    try {
      return CompatibilityMode.fromYaml(value);
    } catch (IllegalArgumentException e) {
      throw new EsmException(EsmException.Kind.USAGE, "--mode: " + e.getMessage());
    }
  }
}
