package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** A monitor kind: a template for the Datadog monitor that {@code @monitor({"type": …})} asks for. */
public record KindDefinition(
    String title,
    String summary,
    @JsonProperty("monitor_type") String monitorType,
    String query,
    Map<String, ParameterSpec> parameters,
    Map<String, DerivedVariable> derived,
    Map<String, Object> options) {

  public KindDefinition {
    monitorType = monitorType == null ? "query alert" : monitorType;
    summary = summary == null ? "" : summary;
    parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    derived = derived == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(derived));
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
