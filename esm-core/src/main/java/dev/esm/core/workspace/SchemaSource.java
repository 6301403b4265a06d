package dev.esm.core.workspace;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.owner.CodeOwners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The schema files to read, and the repository root they belong to (for CODEOWNERS and for the
 * paths and links in monitor messages).
 */
public record SchemaSource(Path root, List<Path> files) {

  public SchemaSource {
    root = root.toAbsolutePath().normalize();
    files = files.stream().map(f -> f.toAbsolutePath().normalize()).distinct().sorted().toList();
  }

  /** Every {@code .avdl} file under the paths (hidden directories skipped). */
  public static SchemaSource discover(List<Path> paths) {
    List<Path> roots = paths.isEmpty() ? List.of(Path.of("")) : paths;
    TreeSet<Path> files = new TreeSet<>();
    for (Path path : roots) {
      Path absolute = path.toAbsolutePath().normalize();
      if (!Files.exists(absolute)) {
        throw new EsmException(EsmException.Kind.USAGE, "no such file or directory: " + path);
      }
      if (Files.isRegularFile(absolute)) {
        files.add(absolute);
        continue;
      }
      try (Stream<Path> walk = Files.walk(absolute)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".avdl"))
            .filter(Files::isRegularFile)
            .filter(p -> !isHidden(absolute.relativize(p)))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path first = roots.get(0).toAbsolutePath().normalize();
    return new SchemaSource(repositoryRoot(Files.isDirectory(first) ? first : first.getParent()), new ArrayList<>(files));
  }

  /**
   * The nearest directory at or above {@code start} that holds {@code .git} or a CODEOWNERS file;
   * else the current folder when {@code start} lies in it; else {@code start}. No file outside it
   * is read, imports included.
   */
  public static Path repositoryRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir;
      }
      for (String location : CodeOwners.LOCATIONS) {
        if (Files.isRegularFile(dir.resolve(location))) {
          return dir;
        }
      }
    }
    Path current = Path.of("").toAbsolutePath().normalize();
    return start.startsWith(current) ? current : start;
  }

  /** The file's path relative to the root, with {@code /}. */
  public String relative(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path relative = absolute.startsWith(root) ? root.relativize(absolute) : absolute.getFileName();
    return relative.toString().replace('\\', '/');
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
