package dev.esm.core.plan;

import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Monitors as ESM renders them, for plan and apply tests. */
public final class MonitorFixtures {

  public static final String IDENTITY = "esm-prod";

  private MonitorFixtures() {}

  /** A traffic anomaly monitor of {@code record}, as the renderer writes it. */
  public static DesiredMonitor anomaly(String record) {
    String event = record.toLowerCase(java.util.Locale.ROOT);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("thresholds", Map.of("critical", 1, "critical_recovery", 0));
    options.put("threshold_windows", Map.of("trigger_window", "last_30m", "recovery_window", "last_30m"));
    options.put("notify_no_data", false);
    options.put("include_tags", true);
    return desired(
        new MonitorDefinition(
            "Traffic Anomaly with " + record,
            "query alert",
            "avg(last_4h):anomalies(sum:event_tracking.events.count{event:" + event
                + "}.as_count(), 'agile', 2, direction='both', alert_window='last_30m', interval=60,"
                + " count_default_zero='true', seasonality='weekly') >= 1",
            "Traffic of " + record + " is unusual.\n@slack-team-cart\n",
            List.of("event:" + event, IDENTITY, "team:cart", "kind:traffic_anomaly"),
            3,
            options),
        "traffic_anomaly");
  }

  /** A traffic drop monitor of {@code record} below {@code threshold}, typed {@code metric alert}. */
  public static DesiredMonitor drop(String record, int threshold) {
    String event = record.toLowerCase(java.util.Locale.ROOT);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("thresholds", Map.of("critical", threshold));
    return desired(
        new MonitorDefinition(
            "Traffic Drop with " + record,
            "metric alert",
            "sum(last_1h):sum:event_tracking.events.count{event:" + event + "}.as_count() < " + threshold,
            "  Traffic of " + record + " dropped. @slack-team-cart  ",
            List.of(IDENTITY, "event:" + event, "kind:traffic_drop"),
            2,
            options),
        "traffic_drop");
  }

  public static DesiredMonitor desired(MonitorDefinition definition, String kind) {
    String eventTag =
        definition.tags().stream().filter(t -> t.startsWith("event:")).findFirst().orElseThrow();
    return new DesiredMonitor(definition, eventTag, kind, Path.of("schemas/cart.avdl"), 7);
  }

  /** The same monitor with its tags replaced. */
  public static DesiredMonitor withTags(DesiredMonitor monitor, String... tags) {
    MonitorDefinition d = monitor.definition();
    return new DesiredMonitor(
        new MonitorDefinition(d.name(), d.type(), d.query(), d.message(), List.of(tags), d.priority(), d.options()),
        monitor.eventTag(), monitor.kind(), monitor.file(), monitor.line());
  }

  /** The same monitor with one option changed. */
  public static DesiredMonitor withOption(DesiredMonitor monitor, String key, Object value) {
    MonitorDefinition d = monitor.definition();
    Map<String, Object> options = new LinkedHashMap<>(d.options());
    options.put(key, value);
    return new DesiredMonitor(
        new MonitorDefinition(d.name(), d.type(), d.query(), d.message(), d.tags(), d.priority(), options),
        monitor.eventTag(), monitor.kind(), monitor.file(), monitor.line());
  }

  /** The body as a JSON map, to seed the fake with. */
  public static Map<String, Object> body(MonitorDefinition d) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", d.name());
    body.put("type", d.type());
    body.put("query", d.query());
    body.put("message", d.message());
    body.put("tags", new ArrayList<>(d.tags()));
    body.put("priority", d.priority());
    body.put("options", d.options());
    return body;
  }
}
