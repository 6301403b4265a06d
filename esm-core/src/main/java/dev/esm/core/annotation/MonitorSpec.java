package dev.esm.core.annotation;

import dev.esm.core.config.Severity;
import java.util.List;
import java.util.Map;

/**
 * One monitor asked for by a {@code @monitor} annotation, checked against its kind.
 *
 * @param handles the extra notification handles of {@code notify}
   * @param parameters every parameter of the kind, defaults filled in, in the kind's order
 * @param line the line of the {@code @monitor} annotation
 */
public record MonitorSpec(
    String kind,
    Severity severity,
    List<String> handles,
    List<String> tags,
    String qualifier,
    Map<String, Object> parameters,
    int line,
    int column) {

  public MonitorSpec {
    handles = List.copyOf(handles);
    tags = List.copyOf(tags);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }
}
