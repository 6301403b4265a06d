package dev.esm.core.workspace;

import dev.esm.core.compat.CompatibilityChecker;
import dev.esm.core.compat.CompatibilityMode;
import dev.esm.core.compat.CompatibilityReport;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.schema.LoadedFile;
import dev.esm.core.config.Limits;
import dev.esm.core.schema.SchemaLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks how schemas changed between two versions: loads each inside its own root (no file
 * outside it is read, imports included) and asks
 * {@link CompatibilityChecker} about every record both declare. The new version must parse; an
 * old file that does not parse (or imports what is gone) only leaves its records unchecked.
 */
public final class SchemaEvolution {

  private final CompatibilityMode mode;
  private final int parallelism;
  private final long maxFileBytes;

  public SchemaEvolution(CompatibilityMode mode) {
    this(mode, Runtime.getRuntime().availableProcessors(), Limits.DEFAULT.maxFileBytes());
  }

  /** @param maxFileBytes {@code limits.max_file_bytes}, for every file read on either side */
  public SchemaEvolution(CompatibilityMode mode, int parallelism, long maxFileBytes) {
    this.mode = mode;
    this.parallelism = parallelism;
    this.maxFileBytes = maxFileBytes;
  }

  /** What was found, and the old files that could not be read. */
  public record Outcome(CompatibilityReport report, List<LoadedFile> unreadableBase) {}

  /**
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
}
