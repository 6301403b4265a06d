package dev.esm.core.plan;

import dev.esm.core.render.MonitorDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings a monitor body to the form in which ESM's and Datadog's copies compare equal when they
 * mean the same, so that Datadog's rewrites on save never show as a change: names and messages
 * trimmed, {@code metric alert} read as {@code query alert}, tags as a sorted set, numbers by value
 * (1 equals 1.0), options that Datadog fills in with their default value treated as absent, and
 * null options dropped. Fields that only Datadog writes (IDs, dates, states, creator) are not
 * part of a {@link MonitorDefinition} and so never compare.
 */
public final class Normalizer {

  /**
   * The options that Datadog fills in on save, and those the client library's model sets by
   * default, with the value filled in.
   */
  public static final Map<String, Object> DATADOG_DEFAULT_OPTIONS;

  static {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("notify_audit", false);
    defaults.put("include_tags", true);
    defaults.put("new_host_delay", 300L);
    defaults.put("notify_no_data", false);
    defaults.put("require_full_window", false);
    defaults.put("renotify_interval", 0L);
    defaults.put("escalation_message", "");
    defaults.put("silenced", Map.of());
    defaults.put("locked", false);
    defaults.put("timeout_h", 0L);
    defaults.put("notify_by", List.of());
    defaults.put("renotify_statuses", List.of());
    defaults.put("min_failure_duration", 0L);
    defaults.put("min_location_failed", 1L);
    defaults.put("notification_preset_name", "show_all");
    DATADOG_DEFAULT_OPTIONS = Collections.unmodifiableMap(defaults);
  }

  /**
   * The prefix of the tag carrying the fingerprint of what ESM wrote: it says nothing about what
   * the monitor does, so it never compares (a monitor written before fingerprints plans as
   * unchanged when it matches).
   */
  public static final String FINGERPRINT_TAG_PREFIX = "esm-digest:";

  private static final List<String> TOP_LEVEL = List.of("name", "type", "query", "message", "tags", "priority");

  private Normalizer() {}

  /** The comparable form: top-level fields and {@code options}, as plain JSON values in a fixed order. */
  public static Map<String, Object> normalize(MonitorDefinition monitor) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", monitor.name().trim());
    out.put("type", "metric alert".equals(monitor.type().trim()) ? "query alert" : monitor.type().trim());
    out.put("query", monitor.query().trim());
    out.put("message", monitor.message().replace("\r\n", "\n").trim());
    out.put("tags", new ArrayList<>(new TreeSet<>(monitor.tags().stream().map(String::trim)
        .filter(tag -> !tag.startsWith(FINGERPRINT_TAG_PREFIX)).toList())));
    out.put("priority", monitor.priority() == null ? null : (long) monitor.priority());
    Map<String, Object> options = new TreeMap<>();
    monitor.options().forEach((key, value) -> {
      Object normal = value(value);
      if (normal != null && !normal.equals(DATADOG_DEFAULT_OPTIONS.get(key))) {
        options.put(key, normal);
      }
    });
    out.put("options", options);
    return out;
  }

  /** True when the two bodies mean the same monitor. */
  public static boolean same(MonitorDefinition current, MonitorDefinition desired) {
    return normalize(current).equals(normalize(desired));
  }

  /** The fields that differ, by path ({@code query}, {@code options.thresholds.critical}…), in a fixed order. */
  public static List<FieldDifference> differences(MonitorDefinition current, MonitorDefinition desired) {
    Map<String, Object> before = flatten(normalize(current));
    Map<String, Object> after = flatten(normalize(desired));
    List<String> fields = new ArrayList<>();
    for (String field : TOP_LEVEL) {
      fields.add(field);
    }
    TreeSet<String> optionFields = new TreeSet<>();
    before.keySet().stream().filter(k -> k.startsWith("options.")).forEach(optionFields::add);
    after.keySet().stream().filter(k -> k.startsWith("options.")).forEach(optionFields::add);
    fields.addAll(optionFields);
    List<FieldDifference> differences = new ArrayList<>();
    for (String field : fields) {
      Object old = before.get(field);
      Object now = after.get(field);
      if (!Objects.equals(old, now)) {
        differences.add(new FieldDifference(field, old, now));
      }
    }
    return differences;
  }

  private static Map<String, Object> flatten(Map<String, Object> normal) {
    Map<String, Object> flat = new LinkedHashMap<>();
    for (String field : TOP_LEVEL) {
      flat.put(field, normal.get(field));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> options = (Map<String, Object>) normal.get("options");
    flattenInto("options", options, flat);
    return flat;
  }

  private static void flattenInto(String prefix, Map<String, Object> map, Map<String, Object> flat) {
    map.forEach((key, value) -> {
      String path = prefix + "." + key;
      if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) nested;
        flattenInto(path, typed, flat);
      } else {
        flat.put(path, value);
      }
    });
  }

  /** A JSON value with numbers by value, maps sorted and nulls dropped; null for null. */
  static Object value(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> {
        Object normal = value(v);
        if (normal != null) {
          sorted.put(String.valueOf(k), normal);
        }
      });
      return sorted;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(value(item)));
      return out;
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof CharSequence || value instanceof Boolean) {
      return value instanceof CharSequence ? value.toString() : value;
    }
    return value.toString();
  }

  private static Object number(Number number) {
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(number.toString()).stripTrailingZeros();
    } catch (NumberFormatException notFinite) {
      return number.doubleValue();
    }
    if (decimal.scale() <= 0 && decimal.precision() - decimal.scale() <= 18) {
      return decimal.longValueExact();
    }
    return decimal.doubleValue();
  }
}
