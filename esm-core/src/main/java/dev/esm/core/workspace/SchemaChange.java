package dev.esm.core.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * The schema files a change touches, in the version before and the version after it (a pull
 * request's base and head). A file added has no base version, a file removed no head version.
 *
 * @param baseRoot the repository before the change
 * @param baseFiles the changed files that exist before it, under {@code baseRoot}
 * @param headRoot the repository after the change
 * @param headFiles the changed files that exist after it, under {@code headRoot}
 */
public record SchemaChange(Path baseRoot, List<Path> baseFiles, Path headRoot, List<Path> headFiles) {

  public SchemaChange {
    baseFiles = List.copyOf(baseFiles);
    headFiles = List.copyOf(headFiles);
  }

  public boolean isEmpty() {
    return baseFiles.isEmpty() && headFiles.isEmpty();
  }
}
