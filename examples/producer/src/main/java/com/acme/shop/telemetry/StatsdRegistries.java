package com.acme.shop.telemetry;

import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import io.micrometer.statsd.StatsdProtocol;
import java.time.Duration;

/** A DogStatsD registry (Micrometer's StatsD registry in its Datadog flavour) aimed at the local agent. */
public final class StatsdRegistries {

  private StatsdRegistries() {}

  public static StatsdMeterRegistry dogStatsd(TelemetrySettings settings) {
    StatsdConfig config = new StatsdConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public StatsdFlavor flavor() {
        return StatsdFlavor.DATADOG;
      }

      @Override
      public String host() {
        return settings.statsdHost();
      }

      @Override
      public int port() {
        return settings.statsdPort();
      }

      @Override
      public StatsdProtocol protocol() {
        return StatsdProtocol.UDP;
      }

      /** One line a packet, sent at once: a count is never held back in a buffer. */
      @Override
      public boolean buffered() {
        return false;
      }

      @Override
      public Duration pollingFrequency() {
        return Duration.ofSeconds(10);
      }
    };
    StatsdMeterRegistry registry = new StatsdMeterRegistry(config, io.micrometer.core.instrument.Clock.SYSTEM);
    // The metric names are the pipeline's exact Datadog names: no renaming by convention.
    registry.config().namingConvention(NamingConvention.identity);
    return registry;
  }
}
