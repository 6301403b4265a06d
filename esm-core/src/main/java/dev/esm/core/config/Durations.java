package dev.esm.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Datadog time windows as written in queries: {@code 30m}, {@code 1h}, {@code 2d}, {@code 1w}. */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("^([1-9][0-9]{0,4})([mhdw])$");

  private Durations() {}

  public static boolean isValid(Object value) {
    return value instanceof String text && DURATION.matcher(text).matches();
  }

  private static final Pattern INTERVAL = Pattern.compile("^([1-9][0-9]{0,6})([smhdw])$");

  /**
   * A period of the service, such as the drift interval: {@code 30s}, {@code 15m}, {@code 6h},
   * {@code 1d}, {@code 1w}, or {@code 0} for none.
   *
   * @throws IllegalArgumentException when it is none of these
   */
  public static java.time.Duration interval(String text) {
    if (text != null && text.trim().equals("0")) {
      return java.time.Duration.ZERO;
    }
    Matcher m = text == null ? null : INTERVAL.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> java.time.Duration.ofSeconds(amount);
      case "m" -> java.time.Duration.ofMinutes(amount);
      case "h" -> java.time.Duration.ofHours(amount);
      case "d" -> java.time.Duration.ofDays(amount);
      default -> java.time.Duration.ofDays(amount * 7);
    };
  }

  public static long minutes(String duration) {
    Matcher m = DURATION.matcher(duration);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + duration);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> amount;
      case "h" -> amount * 60;
      case "d" -> amount * 60 * 24;
      default -> amount * 60 * 24 * 7;
    };
  }
}
