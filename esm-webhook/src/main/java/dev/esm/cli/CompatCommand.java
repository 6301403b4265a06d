package dev.esm.cli;

import dev.esm.core.compat.CompatibilityMode;
import dev.esm.core.compat.CompatibilityReport;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.workspace.SchemaEvolution;
import dev.esm.core.workspace.SchemaSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  public Integer call() throws IOException {
    EsmConfig config = options.loadConfig();
    CompatibilityMode chosen = mode == null ? config.compatibility().mode() : parseMode(mode);
    SchemaSource head = options.source();
    Path root = GitRevision.repositoryRoot(head.root());
    String commit = GitRevision.commit(root, base);
    Path tree = Files.createTempDirectory("esm-compat-");
    try {
      GitRevision.materialise(root, commit, tree);
      SchemaEvolution.Outcome outcome = new SchemaEvolution(chosen).check(baseFiles(root, tree, head), head.files());
      return report(outcome, root, tree, chosen);
    } finally {
      deleteTree(tree);
    }
  }

  private int report(SchemaEvolution.Outcome outcome, Path root, Path tree, CompatibilityMode chosen) {
    PrintWriter err = spec.commandLine().getErr();
    Path cwd = Path.of("").toAbsolutePath();
    for (var unreadable : outcome.unreadableBase()) {
      Path file = root.resolve(tree.relativize(unreadable.file().toAbsolutePath().normalize()));
      err.println(Diagnostic.warning(file, 0, 0, "at " + base + " this file does not parse; its records are not checked").format(cwd));
    }
    CompatibilityReport report = outcome.report();
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

  /** The files under the same paths at the base commit: the working tree's paths, mapped into {@code tree}. */
  private List<Path> baseFiles(Path root, Path tree, SchemaSource head) {
    List<Path> roots = new ArrayList<>();
    for (Path path : options.paths.isEmpty() ? List.of(Path.of("")) : options.paths) {
      Path absolute = path.toAbsolutePath().normalize();
      if (absolute.startsWith(root)) {
        Path mapped = tree.resolve(root.relativize(absolute).toString());
        if (Files.exists(mapped)) {
          roots.add(mapped);
        }
      }
    }
    return roots.isEmpty() ? List.of() : SchemaSource.discover(roots).files();
  }

  private static CompatibilityMode parseMode(String value) {
    try {
      return CompatibilityMode.fromYaml(value);
    } catch (IllegalArgumentException e) {
      throw new dev.esm.core.diagnostic.EsmException(dev.esm.core.diagnostic.EsmException.Kind.USAGE, "--mode: " + e.getMessage());
    }
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
