package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The type of a monitor kind's parameter, as written in the configuration. */
public enum ParameterType {
  DURATION("a duration such as 30m, 1h or 2d"),
  NUMBER("a number"),
  INTEGER("a whole number"),
  STRING("a string"),
  BOOLEAN("true or false"),
  ENUM("one of the listed values");

  private final String description;

  ParameterType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ParameterType fromYaml(String value) {
    return Arrays.stream(values())
        .filter(t -> t.yamlName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown parameter type \"" + value + "\" (one of duration, number, integer, string, boolean, enum)"));
  }
}
