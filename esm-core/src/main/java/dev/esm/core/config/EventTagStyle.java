package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How a record's name becomes the value of the event tag on the metrics. */
public enum EventTagStyle {
  /** AddToCartEvent → addtocartevent */
  LOWERCASE,
  /** AddToCartEvent → add_to_cart_event */
  SNAKE_CASE,
  /** AddToCartEvent → AddToCartEvent */
  VERBATIM;

  public String apply(String recordName) {
    return switch (this) {
      case LOWERCASE -> recordName.toLowerCase(Locale.ROOT);
      case SNAKE_CASE -> recordName
          .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
          .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
          .toLowerCase(Locale.ROOT);
      case VERBATIM -> recordName;
    };
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static EventTagStyle fromYaml(String value) {
    return Arrays.stream(values())
        .filter(s -> s.yamlName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown event tag style \"" + value + "\" (one of lowercase, snake_case, verbatim)"));
  }
}
