package dev.esm.core.compat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which readers a schema change must keep working for, in Avro's (and Confluent's) sense:
 * {@code backward}, the new schema reads data written with the old one; {@code forward}, the
 * old schema reads data written with the new one; {@code full}, both.
 */
public enum CompatibilityMode {
  NONE,
  BACKWARD,
  FORWARD,
  FULL;

  public boolean checksBackward() {
    return this == BACKWARD || this == FULL;
  }

  public boolean checksForward() {
    return this == FORWARD || this == FULL;
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static CompatibilityMode fromYaml(String value) {
    return Arrays.stream(values())
        .filter(m -> m.yamlName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown compatibility mode \"" + value + "\" (one of none, backward, forward, full)"));
  }
}
