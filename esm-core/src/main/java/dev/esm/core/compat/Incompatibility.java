package dev.esm.core.compat;

import dev.esm.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One incompatible change of a record, where it stands in the new version of the schemas: the
 * data a front end (comment, CLI line, check-run annotation) needs.
 *
 * @param file the head file that declares the field (or the record, when the field is gone)
 * @param line 1-based line of the field's name, or of the record when the field is gone
 * @param column 1-based column, 0 when not known
 * @param type Avro's {@code SchemaIncompatibilityType} constant as Avro spells it, e.g.
 *     {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param record the full name of the record whose change was checked
 * @param fieldPath the field from that record down, e.g. {@code AddToCartEvent.cart.items[].price}
 * @param direction which readers break
 * @param explanation what breaks, in plain words
 * @param hint how to fix it, in plain words
 */
public record Incompatibility(
    Path file,
    int line,
    int column,
    String type,
    String record,
    String fieldPath,
    Direction direction,
    String explanation,
    String hint) {

  public Incompatibility {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(direction, "direction");
  }

  /** {@code TYPE_MISMATCH at AddToCartEvent.price (backward): …; fix: …} */
  public String message() {
    return type + " at " + fieldPath + " (" + direction.label() + "): " + explanation + "; " + hint;
  }

  /** As a diagnostic: an error where the change blocks, else a warning. */
  public Diagnostic toDiagnostic(boolean error) {
    return error ? Diagnostic.error(file, line, column, message()) : Diagnostic.warning(file, line, column, message());
  }

  Incompatibility in(Direction both) {
    return new Incompatibility(file, line, column, type, record, fieldPath, both, Explanations.inBothDirections(explanation), hint);
  }
}
