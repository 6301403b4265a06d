package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** One parameter of a monitor kind. Without a default, the parameter is required. */
public record ParameterSpec(
    ParameterType type,
    @JsonProperty("default") Object defaultValue,
    List<String> values,
    BigDecimal min,
    BigDecimal max,
    String description) {

  public ParameterSpec {
    values = values == null ? List.of() : List.copyOf(values);
    description = description == null ? "" : description;
  }

  public boolean required() {
    return defaultValue == null;
  }
}
