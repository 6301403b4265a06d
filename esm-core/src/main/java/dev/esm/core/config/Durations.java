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
