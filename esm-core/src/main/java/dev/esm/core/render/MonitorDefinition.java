package dev.esm.core.render;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Datadog monitor body as ESM writes it: the fields of the monitors API that ESM owns.
 * Options are plain JSON values (String, Boolean, Number, List, Map) in insertion order.
 */
public record MonitorDefinition(
    String name,
    String type,
    String query,
    String message,
    List<String> tags,
    Integer priority,
    Map<String, Object> options) {

  public MonitorDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(query, "query");
    message = message == null ? "" : message;
    tags = List.copyOf(tags == null ? List.of() : tags);
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }
}
