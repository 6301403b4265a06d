package dev.esm.core.render;

import java.nio.file.Path;

/**
 * A monitor that an annotation asks for, with where it came from.
 *
 * @param definition the body to send to Datadog
 * @param event the event it watches; its tag (e.g. {@code event:addtocartevent}) is on every
 *     monitor of the event, so the planner finds them together
 * @param kind the monitor kind, e.g. {@code traffic_anomaly}
 * @param file the schema file that declares the event
 * @param line the line of the {@code @monitor} annotation
 */
public record DesiredMonitor(MonitorDefinition definition, EventRef event, String kind, Path file, int line) {

  /** A monitor of an event known by its tag only. */
  public DesiredMonitor(MonitorDefinition definition, String eventTag, String kind, Path file, int line) {
    this(definition, EventRef.ofTag(eventTag), kind, file, line);
  }

  /** The tag naming the event, e.g. {@code event:addtocartevent}. */
  public String eventTag() {
    return event.tag();
  }

  /** The same monitor with another body. */
  public DesiredMonitor withDefinition(MonitorDefinition other) {
    return new DesiredMonitor(other, event, kind, file, line);
  }
}
