package com.acme.shop.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The metrics contract with the event-tracking pipeline, read from {@code telemetry.properties}:
 * the same metric names and event tag as ESM's configuration ({@code metrics.*}, {@code event_tag.key}).
 */
public record TelemetrySettings(String eventsMetric, String serializationErrorsMetric, String eventTagKey,
    String statsdHost, int statsdPort) {

  public static TelemetrySettings load() {
    Properties properties = new Properties();
    try (InputStream in = TelemetrySettings.class.getResourceAsStream("/telemetry.properties")) {
      if (in == null) {
        throw new IllegalStateException("telemetry.properties is missing from the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TelemetrySettings(properties.getProperty("metrics.events"),
        properties.getProperty("metrics.serialization_errors"), properties.getProperty("event_tag.key"),
        properties.getProperty("statsd.host", "127.0.0.1"), Integer.parseInt(properties.getProperty("statsd.port", "8125")));
  }

  public TelemetrySettings withStatsd(String host, int port) {
    return new TelemetrySettings(eventsMetric, serializationErrorsMetric, eventTagKey, host, port);
  }
}
