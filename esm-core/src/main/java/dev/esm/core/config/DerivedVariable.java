package dev.esm.core.config;

import java.util.Map;

/** A template variable whose value is looked up from an enum parameter, e.g. seasonality from algorithm. */
public record DerivedVariable(String from, Map<String, String> values) {
  public DerivedVariable {
    values = values == null ? Map.of() : Map.copyOf(values);
  }
}
