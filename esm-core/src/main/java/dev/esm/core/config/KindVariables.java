package dev.esm.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a kind's templates may use: the event's ({@code event}, {@code event_tag},
 * {@code record}, …), the metrics ({@code metrics.events}, …), the kind's parameters, for each
 * duration parameter its length in minutes ({@code window_minutes}), and derived variables.
 */
public final class KindVariables {

  private KindVariables() {}

  public static Map<String, Object> forEvent(
      EsmConfig config, String record, String namespace, String eventValue, String team, String severity) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("record", record);
    variables.put("namespace", namespace == null ? "" : namespace);
    variables.put("event", eventValue);
    variables.put("event_tag_key", config.eventTag().key());
    variables.put("event_tag", config.eventTag().key() + ":" + eventValue);
    variables.put("environment", config.environment());
    variables.put("team", team == null ? "" : team);
    variables.put("severity", severity);
    config.metrics().forEach((name, metric) -> variables.put("metrics." + name, metric));
    return variables;
  }

  /** Adds the kind's parameters (already resolved with their defaults) and what derives from them. */
  public static Map<String, Object> withParameters(
      Map<String, Object> eventVariables, KindDefinition kind, Map<String, Object> parameters) {
    Map<String, Object> variables = new LinkedHashMap<>(eventVariables);
    parameters.forEach((name, value) -> {
      variables.put(name, value);
      ParameterSpec spec = kind.parameters().get(name);
      if (spec != null && spec.type() == ParameterType.DURATION && Durations.isValid(value)) {
        variables.put(name + "_minutes", Durations.minutes((String) value));
      }
    });
    kind.derived().forEach((name, derived) -> {
      Object from = parameters.get(derived.from());
      variables.put(name, derived.values().getOrDefault(String.valueOf(from), ""));
    });
    return variables;
  }
}
