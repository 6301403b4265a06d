package dev.esm.core.coverage;

import java.nio.file.Path;
import java.util.Comparator;

/** A place in Java source where an event is built: {@code new X(…)} or {@code X.newBuilder(…)}, at the line where it starts. */
public record EmissionSite(Path file, int line) {

  public static final Comparator<EmissionSite> ORDER =
      Comparator.comparing((EmissionSite s) -> s.file().toString()).thenComparingInt(EmissionSite::line);

  /** {@code path:line}, the path relative to {@code base} (with {@code ..} where needed) and {@code /}. */
  public String format(Path base) {
    return relativePath(base) + ":" + line;
  }

  public String relativePath(Path base) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = base.toAbsolutePath().normalize();
    Path shown = absolute.getRoot() != null && absolute.getRoot().equals(root.getRoot()) ? root.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
