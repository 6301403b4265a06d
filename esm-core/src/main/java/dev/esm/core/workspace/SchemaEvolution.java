package dev.esm.core.workspace;

import dev.esm.core.compat.CompatibilityChecker;
import dev.esm.core.compat.CompatibilityMode;
import dev.esm.core.compat.CompatibilityReport;
import dev.esm.core.config.Limits;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.schema.LoadedFile;
import dev.esm.core.schema.SchemaLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks how schemas changed between two versions: loads both with the same loader and asks
 * {@link CompatibilityChecker} about every record both declare. The new version must parse; an
 * old file that does not parse (or imports what is gone) only leaves its records unchecked.
 */
public final class SchemaEvolution {

  private final CompatibilityMode mode;
  private final long maxFileBytes;
  private final int parallelism;

  public SchemaEvolution(CompatibilityMode mode) {
    this(mode, Limits.DEFAULT.maxFileBytes());
  }

  /** {@code maxFileBytes} is {@code limits.max_file_bytes}, for every file read. */
  public SchemaEvolution(CompatibilityMode mode, long maxFileBytes) {
    this(mode, maxFileBytes, Runtime.getRuntime().availableProcessors());
  }

  public SchemaEvolution(CompatibilityMode mode, long maxFileBytes, int parallelism) {
    this.mode = mode;
    this.maxFileBytes = maxFileBytes;
    this.parallelism = parallelism;
  }

  /** What was found, and the old files that could not be read. */
  public record Outcome(CompatibilityReport report, List<LoadedFile> unreadableBase) {}

  /**
   * @throws InvalidInputException when a file of the new version does not parse
   */
  public Outcome check(List<Path> baseFiles, List<Path> headFiles) {
    return check(commonFolder(baseFiles), baseFiles, commonFolder(headFiles), headFiles);
  }

  /**
   * As above, each version read inside its own root (a pull request's base and head checkouts):
   * no file outside it is read, imports included.
   *
   * @throws InvalidInputException when a file of the new version does not parse
   */
  public Outcome check(Path baseRoot, List<Path> baseFiles, Path headRoot, List<Path> headFiles) {
    if (mode == CompatibilityMode.NONE) {
      return new Outcome(CompatibilityReport.none(), List.of());
    }
    List<LoadedFile> head = new SchemaLoader(headRoot, maxFileBytes).loadAll(headFiles, parallelism);
    List<Diagnostic> errors = new ArrayList<>();
    head.forEach(file -> errors.addAll(file.diagnostics().stream().filter(Diagnostic::isError).toList()));
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    List<LoadedFile> base = new SchemaLoader(baseRoot, maxFileBytes).loadAll(baseFiles, parallelism);
    return new Outcome(new CompatibilityChecker(mode, parallelism).check(base, head),
        base.stream().filter(LoadedFile::hasErrors).toList());
  }

  /** The deepest folder holding every one of {@code files}: without a root given, nothing above it is read. */
  private static Path commonFolder(List<Path> files) {
    Path common = null;
    for (Path file : files) {
      Path folder = file.toAbsolutePath().normalize().getParent();
      if (common == null) {
        common = folder;
      } else {
        while (!folder.startsWith(common)) {
          common = common.getParent();
        }
      }
    }
    return common == null ? Path.of("").toAbsolutePath() : common;
  }
}
