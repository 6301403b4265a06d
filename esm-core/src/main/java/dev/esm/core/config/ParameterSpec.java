package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * One parameter of a monitor kind. Without a default, the parameter is required. {@code min} and
 * {@code max} bound numbers (a number) and durations (a duration such as {@code 5m}), inclusive.
 */
public record ParameterSpec(
    ParameterType type,
    @JsonProperty("default") Object defaultValue,
    List<String> values,
    Object min,
    Object max,
    String description) {

  public ParameterSpec {
    values = values == null ? List.of() : List.copyOf(values);
    description = description == null ? "" : description;
  }

  public boolean required() {
    return defaultValue == null;
  }

  /** {@code min} as a number, or null when absent or not a number. */
  public BigDecimal minNumber() {
    return number(min);
  }

  public BigDecimal maxNumber() {
    return number(max);
  }

  /** {@code min} as a duration, or null when absent or not a duration. */
  public Duration minDuration() {
    return Durations.isValid(min) ? Durations.parse((String) min) : null;
  }

  public Duration maxDuration() {
    return Durations.isValid(max) ? Durations.parse((String) max) : null;
  }

  private static BigDecimal number(Object bound) {
    return bound instanceof Number n ? new BigDecimal(n.toString()) : null;
  }
}
