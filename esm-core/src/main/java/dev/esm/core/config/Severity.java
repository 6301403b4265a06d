package dev.esm.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How bad it is when the monitor fires: sets the Datadog priority and who is notified. */
public enum Severity {
  LOW(4),
  MEDIUM(3),
  HIGH(2),
  CRITICAL(1);

  private final int priority;
  private final String label;

  Severity(int priority) {
    this.priority = priority;
    this.label = name().toLowerCase(Locale.ROOT);
  }

  /** Datadog's monitor priority: critical = P1 … low = P4. */
  public int priority() {
    return priority;
  }

  public String label() {
    return label;
  }

  public static Optional<Severity> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
  }
}
