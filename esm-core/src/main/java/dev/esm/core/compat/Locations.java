package dev.esm.core.compat;

import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/** Reads Avro's location pointers within one field's type. */
final class Locations {

  private Locations() {}

  /**
   * The path below the field that an Avro location points to: {@code ""} for the field's own
   * type, {@code "[]"} into an array's items, {@code "{}"} into a map's values, {@code ".x"} into
   * field x of a nested record. Null when it points into a record that is checked on its own,
   * which then reports the change at its own field.
   *
   * @param tokens the location below the field's type, e.g. {@code [items, fields, 1, type]}
   */
  static String suffix(Schema fieldType, String[] tokens, Set<String> checkedOnTheirOwn) {
    StringBuilder suffix = new StringBuilder();
    Schema node = fieldType;
    for (int i = 0; i < tokens.length && node != null; i++) {
      String token = tokens[i];
      switch (token) {
        case "type" -> { }
        case "items" -> {
          if (node.getType() != Schema.Type.ARRAY) {
            return suffix.toString();
          }
          node = node.getElementType();
          suffix.append("[]");
        }
        case "values" -> {
          if (node.getType() != Schema.Type.MAP) {
            return suffix.toString();
          }
          node = node.getValueType();
          suffix.append("{}");
        }
        case "fields" -> {
          if (node.getType() != Schema.Type.RECORD || i + 1 >= tokens.length) {
            return suffix.toString();
          }
          if (checkedOnTheirOwn.contains(node.getFullName())) {
            return null;
          }
          List<Schema.Field> fields = node.getFields();
          int index = number(tokens[++i]);
          if (index < 0 || index >= fields.size()) {
            return suffix.toString();
          }
          suffix.append('.').append(fields.get(index).name());
          node = fields.get(index).schema();
        }
        default -> {
          int index = number(token);
          if (node.getType() != Schema.Type.UNION || index < 0 || index >= node.getTypes().size()) {
            return suffix.toString();
          }
          node = node.getTypes().get(index);
        }
      }
    }
    return suffix.toString();
  }

  private static int number(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
