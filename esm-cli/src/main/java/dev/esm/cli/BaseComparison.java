package dev.esm.cli;

import dev.esm.core.compat.CompatibilityMode;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.workspace.SchemaEvolution;
import dev.esm.core.workspace.SchemaSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The records under the paths, as in the working tree, against those of the same full name at
 * a commit: the schema files of that commit are written into a temporary folder (imports resolve
 * there), the same paths are read in it, and both versions go through the same loader.
 */
final class BaseComparison {

  private BaseComparison() {}

  /**
   * @param paths the paths the user gave (empty: the current folder)
   * @param ref what the user named as the base, for messages
   */
  static SchemaEvolution.Outcome check(SchemaSource head, List<Path> paths, String ref, CompatibilityMode mode, PrintWriter err) {
    Path root = GitRevision.repositoryRoot(head.root());
    String commit = GitRevision.commit(root, ref);
    Path tree;
    try {
      tree = Files.createTempDirectory("esm-compat-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      GitRevision.materialise(root, commit, tree);
      SchemaEvolution.Outcome outcome = new SchemaEvolution(mode).check(tree, baseFiles(root, tree, paths), head.root(), head.files());
      Path cwd = Path.of("").toAbsolutePath();
      for (var unreadable : outcome.unreadableBase()) {
        Path file = root.resolve(tree.relativize(unreadable.file().toAbsolutePath().normalize()).toString());
        err.println(Diagnostic.warning(file, 0, 0, "at " + ref + " this file does not parse; its records are not checked").format(cwd));
      }
      return outcome;
    } finally {
      deleteTree(tree);
    }
  }

  /** The files under the same paths at the base commit: the working tree's paths, mapped into {@code tree}. */
  private static List<Path> baseFiles(Path root, Path tree, List<Path> paths) {
    List<Path> roots = new ArrayList<>();
    for (Path path : paths.isEmpty() ? List.of(Path.of("")) : paths) {
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

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
