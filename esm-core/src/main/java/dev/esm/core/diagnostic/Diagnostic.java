package dev.esm.core.diagnostic;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a user's file. Line and column are 1-based; 0 means "not known".
 * Front ends print it as {@code path:line:col: error: message}, the form editors and CI jump to.
 */
public record Diagnostic(Path file, int line, int column, Severity severity, String message) {

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.file() == null ? "" : d.file().toString())
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(Path file, int line, int column, String message) {
    return new Diagnostic(file, line, column, Severity.ERROR, message);
  }

  public static Diagnostic warning(Path file, int line, int column, String message) {
    return new Diagnostic(file, line, column, Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Formats with the file shown relative to {@code base} when it lies below it. */
  public String format(Path base) {
    StringBuilder out = new StringBuilder();
    if (file != null) {
      out.append(displayPath(file, base));
      if (line > 0) {
        out.append(':').append(line);
        if (column > 0) {
          out.append(':').append(column);
        }
      }
      out.append(": ");
    }
    return out.append(severity.label()).append(": ").append(message).toString();
  }

  public String format() {
    return format(null);
  }

  static String displayPath(Path file, Path base) {
    if (base != null) {
      Path absoluteFile = file.toAbsolutePath().normalize();
      Path absoluteBase = base.toAbsolutePath().normalize();
      if (absoluteFile.startsWith(absoluteBase)) {
        return absoluteBase.relativize(absoluteFile).toString();
      }
    }
    return file.toString();
  }
}
