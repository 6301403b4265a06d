package dev.esm.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Checks a value against a parameter's type, allowed values and bounds. */
public final class ParameterChecks {

  private ParameterChecks() {}

  /** What is wrong with {@code value} for parameter {@code name}, or empty when it fits. */
  public static Optional<String> problem(String name, ParameterSpec spec, Object value) {
    String got = " got " + show(value);
    switch (spec.type()) {
      case DURATION:
        if (!Durations.isValid(value)) {
          return Optional.of(name + " must be a duration such as 30m, 1h or 2d;" + got);
        }
        Duration duration = Durations.parse((String) value);
        Duration min = spec.minDuration();
        Duration max = spec.maxDuration();
        if ((min != null && duration.compareTo(min) < 0) || (max != null && duration.compareTo(max) > 0)) {
          return Optional.of(name + " must be " + range(spec.min(), spec.max()) + ";" + got);
        }
        return Optional.empty();
      case NUMBER:
      case INTEGER:
        if (!(value instanceof Number number)) {
          return Optional.of(name + " must be " + spec.type().description() + ";" + got);
        }
        BigDecimal decimal = new BigDecimal(number.toString());
        if (spec.type() == ParameterType.INTEGER && decimal.stripTrailingZeros().scale() > 0) {
          return Optional.of(name + " must be a whole number;" + got);
        }
        if (spec.minNumber() != null && decimal.compareTo(spec.minNumber()) < 0) {
          return Optional.of(name + " must be at least " + spec.minNumber().toPlainString() + ";" + got);
        }
        if (spec.maxNumber() != null && decimal.compareTo(spec.maxNumber()) > 0) {
          return Optional.of(name + " must be at most " + spec.maxNumber().toPlainString() + ";" + got);
        }
        return Optional.empty();
      case BOOLEAN:
        return value instanceof Boolean ? Optional.empty() : Optional.of(name + " must be true or false;" + got);
      case STRING:
        return value instanceof String ? Optional.empty() : Optional.of(name + " must be a string;" + got);
      case ENUM:
        if (!(value instanceof String text) || !spec.values().contains(text)) {
          return Optional.of(name + " must be one of " + String.join(", ", spec.values()) + ";" + got
              + (value instanceof String text ? dev.esm.core.diagnostic.Suggestions.didYouMean(text, spec.values()) : ""));
        }
        return Optional.empty();
      default:
        throw new IllegalStateException("unhandled type " + spec.type());
    }
  }

  /** The allowed range in words: {@code between 5m and 4h (inclusive)}, {@code at least 1m} … */
  static String range(Object min, Object max) {
    if (min != null && max != null) {
      return "between " + min + " and " + max + " (inclusive)";
    }
    return min != null ? "at least " + min : "at most " + max;
  }

  static String show(Object value) {
    if (value instanceof String text) {
      return "\"" + text + "\"";
    }
    return String.valueOf(value);
  }
}
