package dev.esm.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The folders of the schema repository whose {@code .avdl} files ESM registers; none means everywhere. */
public final class SchemaPaths {

  private final List<String> prefixes;

  public SchemaPaths(List<String> paths) {
    this.prefixes = paths.stream()
        .map(p -> p.trim().replace('\\', '/').replaceAll("^(\\./)+", "").replaceAll("^/+", "").replaceAll("/+$", ""))
        .filter(p -> !p.isEmpty() && !p.equals("."))
        .toList();
  }

  public boolean isSchema(String path) {
    if (path == null || !path.endsWith(".avdl")) {
      return false;
    }
    if (prefixes.isEmpty()) {
      return true;
    }
    for (String prefix : prefixes) {
      if (path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Every {@code .avdl} file under {@code root} (a checked-out branch), sorted. */
  public static List<Path> avdlFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".avdl")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code .avdl} files under {@code root} that lie under these paths, sorted. */
  public List<Path> schemaFiles(Path root) {
    return avdlFiles(root).stream().filter(f -> isSchema(root.relativize(f).toString().replace('\\', '/'))).toList();
  }

  /** A file ESM keeps from the archives: any {@code .avdl} (imports may live anywhere) and the CODEOWNERS files. */
  static boolean isKept(String path) {
    return path.endsWith(".avdl")
        || path.equals("CODEOWNERS")
        || path.equals(".github/CODEOWNERS")
        || path.equals("docs/CODEOWNERS");
  }
}
