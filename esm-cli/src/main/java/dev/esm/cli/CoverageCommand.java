package dev.esm.cli;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.coverage.CoverageAnalyzer;
import dev.esm.core.coverage.CoveragePrinter;
import dev.esm.core.coverage.CoverageReport;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "coverage", mixinStandardHelpOptions = true,
    description = "Show where each event is emitted in Java sources, the events emitted without a monitor,"
        + " and the monitored events that no source emits.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:invalid schemas or configuration", "2:wrong usage",
        "4:with --require-monitors, an event is emitted without a monitor"})
final class CoverageCommand implements Callable<Integer> {

  enum Format { text, json }

  @Mixin SchemaOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--sources", paramLabel = "DIR", required = true,
      description = "A folder of Java sources to read (repeat for several).")
  List<Path> sources = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--require-monitors", description = "Exit 4 when an event is emitted without any monitor.")
  boolean requireMonitors;

  @Override
  public Integer call() {
    EsmConfig config = options.loadConfig().withoutCoverageSources();
    Rendering rendering = new Workspace(config).render(options.source(), SchemaOptions.renderContext(config));
    CoverageReport report = new CoverageAnalyzer(Runtime.getRuntime().availableProcessors())
        .analyze(rendering.events(), rendering.monitors(), sources);
    PrintWriter err = spec.commandLine().getErr();
    Output.warnings(err, rendering);
    Path cwd = Path.of("").toAbsolutePath();
    report.warnings().forEach(w -> err.println(w.format(cwd)));
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? CoveragePrinter.json(report, cwd) : CoveragePrinter.text(report, cwd));
    out.flush();
    if (requireMonitors && !report.emittedWithoutMonitors().isEmpty()) {
      err.println("esm: " + Output.count(report.emittedWithoutMonitors().size(), "event")
          + " emitted without a monitor (--require-monitors)");
      return ExitCode.UNMONITORED;
    }
    return ExitCode.OK;
  }
}
