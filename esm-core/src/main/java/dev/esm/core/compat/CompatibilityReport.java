package dev.esm.core.compat;

import dev.esm.core.diagnostic.Diagnostic;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict on a change of schemas.
 *
 * @param mode the direction checked
 * @param recordsChecked how many records were on both sides and differed
 * @param incompatibilities each incompatible change once, by file, line and column
 */
public record CompatibilityReport(CompatibilityMode mode, int recordsChecked, List<Incompatibility> incompatibilities) {

  static final Comparator<Incompatibility> ORDER =
      Comparator.comparing((Incompatibility i) -> i.file() == null ? "" : i.file().toString())
          .thenComparingInt(Incompatibility::line)
          .thenComparingInt(Incompatibility::column)
          .thenComparing(Incompatibility::type)
          .thenComparing(Incompatibility::fieldPath)
          .thenComparing(Incompatibility::explanation);

  public CompatibilityReport {
    incompatibilities = incompatibilities.stream().sorted(ORDER).toList();
  }

  public static CompatibilityReport none() {
    return new CompatibilityReport(CompatibilityMode.NONE, 0, List.of());
  }

  public boolean isCompatible() {
    return incompatibilities.isEmpty();
  }

  /** Each incompatibility as a diagnostic: errors when {@code errors}, else warnings. */
  public List<Diagnostic> diagnostics(boolean errors) {
    return incompatibilities.stream().map(i -> i.toDiagnostic(errors)).toList();
  }
}
