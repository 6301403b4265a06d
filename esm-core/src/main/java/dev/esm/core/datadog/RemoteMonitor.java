package dev.esm.core.datadog;

import dev.esm.core.render.MonitorDefinition;

/** A monitor as Datadog holds it: its ID and its body as listed (Datadog's own rewrites included). */
public record RemoteMonitor(long id, MonitorDefinition definition) {}
