package dev.esm.webhook;

import dev.esm.core.compat.CompatibilityReport;
import java.util.Objects;

/**
 * The schema compatibility of a pull request's changed records, as a command reports it.
 *
 * @param report what Avro's rules found, each incompatibility with its file, line, type and field
 * @param enforced true when {@code compatibility.enforce} is on: an incompatible change blocks register
 */
public record CompatibilityVerdict(CompatibilityReport report, boolean enforced) {

  public CompatibilityVerdict {
    Objects.requireNonNull(report, "report");
  }

  public static CompatibilityVerdict none() {
    return new CompatibilityVerdict(CompatibilityReport.none(), false);
  }

  /** Registering is refused: enforced, and some change is incompatible. */
  public boolean blocks() {
    return enforced && !report.isCompatible();
  }
}
