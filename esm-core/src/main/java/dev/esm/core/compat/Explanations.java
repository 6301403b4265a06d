package dev.esm.core.compat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** What an Avro incompatibility means for the people who own the schema, and what to do. */
final class Explanations {

  record Text(String explanation, String hint) {}

  private static final String OLD_READERS = "readers still on the old schema cannot read data written with the new one";
  private static final String NEW_READERS = "the new schema cannot read data written with the old one";
  private static final String BOTH_READERS = "neither version can read data written with the other";

  private Explanations() {}

  /** The explanation of a change found in one direction, said of both. */
  static String inBothDirections(String explanation) {
    return explanation.replace(OLD_READERS, BOTH_READERS).replace(NEW_READERS, BOTH_READERS);
  }

  /**
   * @param field the field as the comment names it, e.g. {@code cart.items[]}
   * @param fieldType the type of the field as declared on the side that has it
   */
  static Text of(Incompatibility avro, Direction direction, String field, Schema fieldType) {
    boolean backward = direction == Direction.BACKWARD;
    Schema oldSide = backward ? avro.getWriterFragment() : avro.getReaderFragment();
    Schema newSide = backward ? avro.getReaderFragment() : avro.getWriterFragment();
    String oldReaders = OLD_READERS;
    String newReaders = NEW_READERS;
    return switch (avro.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> backward
          ? new Text("field " + field + " is new and has no default, so " + newReaders,
              fieldType != null && fieldType.getType() == Schema.Type.UNION
                  ? "add a default (of the union's first branch; with null first: = null)"
                  : "add a default, or make it optional: union { null, " + describe(fieldType) + " } " + field + " = null;")
          : new Text("field " + field + " was removed and the old schema declares it without a default, so " + oldReaders,
              "keep the field, or first release it with a default and remove it later");
      case TYPE_MISMATCH -> new Text("the type of " + field + " changed from " + describe(oldSide) + " to " + describe(newSide)
          + ", which Avro cannot convert, so " + (backward ? newReaders : oldReaders),
          "keep the old type, or add a new field of the new type with a default (Avro only promotes int to long, float"
              + " or double, long to float or double, float to double, and string to and from bytes)");
      case MISSING_ENUM_SYMBOLS -> backward
          ? new Text("enum " + describe(newSide) + " of " + field + " no longer has the symbols " + avro.getMessage()
              + " that old data may hold", "keep those symbols, or give the enum a default symbol (enum "
              + simpleName(newSide) + " { …, UNKNOWN } = UNKNOWN;)")
          : new Text("enum " + describe(newSide) + " of " + field + " has new symbols " + avro.getMessage()
              + " that readers on the old schema do not know", "give the enum a default symbol in a release first, then add symbols");
      case MISSING_UNION_BRANCH -> backward
          ? new Text("the union of " + field + " can no longer read " + branch(avro) + " that old data may hold",
              "keep that branch in the union")
          : new Text("the union of " + field + " has a branch " + branch(avro) + " that readers on the old schema cannot read",
              "add union branches only once every reader knows them");
      case FIXED_SIZE_MISMATCH -> new Text("fixed " + describe(newSide) + " of " + field + " changed size from "
          + size(oldSide) + " to " + size(newSide) + " bytes", "keep the size, or add a new field of a new fixed type");
      case NAME_MISMATCH -> new Text("the type of " + field + " is now named " + describe(newSide) + " instead of "
          + describe(oldSide) + ", so Avro no longer matches them",
          "keep the old name, or add it as an alias: @aliases([\"" + describe(oldSide) + "\"])");
    };
  }

  /** The branch a location's last index points to in the writer's union, else Avro's words. */
  private static String branch(Incompatibility avro) {
    Schema union = avro.getWriterFragment();
    String[] tokens = CompatibilityChecker.tokens(avro.getLocation());
    if (union != null && union.getType() == Schema.Type.UNION && tokens.length > 0) {
      try {
        int index = Integer.parseInt(tokens[tokens.length - 1]);
        if (index >= 0 && index < union.getTypes().size()) {
          return describe(union.getTypes().get(index));
        }
      } catch (NumberFormatException e) {
        // Not an index: fall back to Avro's message.
      }
    }
    return avro.getMessage();
  }

  /** {@code int}, {@code com.acme.Money}, {@code array<string>}, {@code union { null, string }}. */
  static String describe(Schema schema) {
    if (schema == null) {
      return "?";
    }
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      case ARRAY -> "array<" + describe(schema.getElementType()) + ">";
      case MAP -> "map<" + describe(schema.getValueType()) + ">";
      case UNION -> "union { " + String.join(", ", schema.getTypes().stream().map(Explanations::describe).toList()) + " }";
      default -> schema.getType().getName();
    };
  }

  private static String size(Schema fixed) {
    return fixed != null && fixed.getType() == Schema.Type.FIXED ? String.valueOf(fixed.getFixedSize()) : "?";
  }

  private static String simpleName(Schema schema) {
    return schema == null || schema.getType() != Schema.Type.ENUM ? "E" : schema.getName();
  }
}
