package dev.esm.core.render;

import java.nio.file.Path;

/**
 * A monitor that an annotation asks for, with where it came from.
 *
 * @param definition the body to send to Datadog
 * @param eventTag the tag naming the event, e.g. {@code event:addtocartevent}; all monitors of one
 *     event carry it, so the planner finds them together
 * @param kind the monitor kind, e.g. {@code traffic_anomaly}
 * @param file the schema file that declares the event
 * @param line the line of the {@code @monitor} annotation
 */
public record DesiredMonitor(MonitorDefinition definition, String eventTag, String kind, Path file, int line) {}
