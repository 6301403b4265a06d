package dev.esm.core.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Monitors as Terraform JSON for the Datadog provider: {@code resource.datadog_monitor.<id>}.
 * Datadog's {@code options} become the resource's own arguments ({@code thresholds} →
 * {@code monitor_thresholds}, {@code threshold_windows} → {@code monitor_threshold_windows}).
 */
public final class TerraformJson {

  private static final Map<String, String> BLOCKS = Map.of(
      "thresholds", "monitor_thresholds",
      "threshold_windows", "monitor_threshold_windows");
  private static final Set<String> STRING_VALUED_BLOCKS = Set.of("monitor_thresholds");

  private TerraformJson() {}

  public static String document(List<DesiredMonitor> monitors) {
    Map<String, Object> resources = new LinkedHashMap<>();
    for (DesiredMonitor monitor : monitors) {
      String id = resourceId(monitor.definition().name());
      String unique = id;
      for (int n = 2; resources.containsKey(unique); n++) {
        unique = id + "_" + n;
      }
      resources.put(unique, resource(monitor.definition()));
    }
    return MonitorJson.write(Map.of("resource", Map.of("datadog_monitor", resources)));
  }

  /** {@code Traffic Drop (weekend) with AddToCartEvent} → {@code traffic_drop_weekend_with_addtocartevent}. */
  static String resourceId(String monitorName) {
    String id = monitorName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return Character.isDigit(id.isEmpty() ? '0' : id.charAt(0)) ? "m_" + id : id;
  }

  private static Map<String, Object> resource(MonitorDefinition definition) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("name", definition.name());
    resource.put("type", definition.type());
    resource.put("query", definition.query());
    resource.put("message", definition.message());
    resource.put("tags", definition.tags());
    if (definition.priority() != null) {
      resource.put("priority", String.valueOf(definition.priority()));
    }
    definition.options().forEach((key, value) -> {
      String block = BLOCKS.get(key);
      if (block == null) {
        resource.put(key, MonitorJson.plainNumbers(value));
      } else if (STRING_VALUED_BLOCKS.contains(block) && value instanceof Map<?, ?> map) {
        Map<String, Object> strings = new LinkedHashMap<>();
        map.forEach((k, v) -> strings.put(String.valueOf(k), dev.esm.core.template.Templates.format(v)));
        resource.put(block, strings);
      } else {
        resource.put(block, MonitorJson.plainNumbers(value));
      }
    });
    return resource;
  }
}
