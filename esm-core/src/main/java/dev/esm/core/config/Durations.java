package dev.esm.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the configuration and in Datadog queries: {@code 30s}, {@code 30m},
 * {@code 1h}, {@code 2d}, {@code 1w}.
 */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("^([1-9][0-9]{0,4})([smhdw])$");
  private static final Pattern INTERVAL = Pattern.compile("^([1-9][0-9]{0,6})([smhdw])$");

  private Durations() {}

  public static boolean isValid(Object value) {
    return value instanceof String text && DURATION.matcher(text).matches();
  }

  /** The duration {@code text} stands for; {@code "0"} is accepted only where {@code zeroAllowed}. */
  public static Duration parse(String text, boolean zeroAllowed) {
    if (zeroAllowed && "0".equals(text)) {
      return Duration.ZERO;
    }
    Matcher m = text == null ? null : DURATION.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("must be a duration such as 30s, 10m, 1h or 2d"
          + (zeroAllowed ? " (or 0)" : "") + "; got " + ParameterChecks.show(text));
    }
    return of(m);
  }

  public static Duration parse(String text) {
    return parse(text, false);
  }

  /**
   * A period of the service, such as the drift interval: {@code 30s}, {@code 15m}, {@code 6h},
   * {@code 1d}, {@code 1w}, or {@code 0} for none.
   *
   * @throws IllegalArgumentException when it is none of these
   */
  public static Duration interval(String text) {
    if (text != null && text.trim().equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = text == null ? null : INTERVAL.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return of(m);
  }

  private static Duration of(Matcher m) {
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofDays(amount * 7);
    };
  }

  /** Whole minutes, rounded up: Datadog counts some windows in minutes ({@code 30s} is 1). */
  public static long minutes(String duration) {
    Duration d = parse(duration);
    return (d.getSeconds() + 59) / 60;
  }

  /** The shortest way to write {@code duration} in the units above, e.g. {@code 4h}, {@code 90s}. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds == 0) {
      return "0";
    }
    long[] sizes = {7 * 86400, 86400, 3600, 60};
    String[] units = {"w", "d", "h", "m"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds % sizes[i] == 0) {
        return seconds / sizes[i] + units[i];
      }
    }
    return seconds + "s";
  }
}
