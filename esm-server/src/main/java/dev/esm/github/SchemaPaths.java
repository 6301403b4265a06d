package dev.esm.github;

import java.util.List;

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

  /** A file ESM keeps from the archives: any {@code .avdl} (imports may live anywhere) and the CODEOWNERS files. */
  static boolean isKept(String path) {
    return path.endsWith(".avdl")
        || path.equals("CODEOWNERS")
        || path.equals(".github/CODEOWNERS")
        || path.equals("docs/CODEOWNERS");
  }
}
