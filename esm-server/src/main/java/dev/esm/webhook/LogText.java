package dev.esm.webhook;

import java.util.regex.Pattern;

/**
 * Text from outside (a header, an exception's message) made safe for one log line: control and
 * non-ASCII characters escaped, so that nobody can forge a line, and clipped, so that one command
 * cannot flood the log.
 */
final class LogText {

  /** GitHub's delivery IDs are GUIDs; such an ID is logged as it is. */
  private static final Pattern PLAIN_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
  static final int MAX_ID = 64;
  static final int MAX_MESSAGE = 1_000;

  private LogText() {}

  /** A delivery ID as logged: itself when GUID-like, else quoted and escaped; {@code -} for none. */
  static String deliveryId(String id) {
    if (id == null || id.isEmpty()) {
      return "-";
    }
    return PLAIN_ID.matcher(id).matches() ? id : quote(id, MAX_ID);
  }

  /** A message on one line, at most {@link #MAX_MESSAGE} characters. */
  static String message(String text) {
    return text == null ? "-" : escape(text, MAX_MESSAGE);
  }

  /** {@code "…"} with every character outside printable ASCII escaped as {@code \\uXXXX}. */
  static String quote(String text, int max) {
    return "\"" + escape(text, max).replace("\"", "\\u0022") + "\"";
  }

  private static String escape(String text, int max) {
    boolean clipped = text.length() > max;
    String head = clipped ? text.substring(0, max) : text;
    StringBuilder out = new StringBuilder(head.length() + 8);
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return clipped ? out.append("…(").append(text.length()).append(" chars)").toString() : out.toString();
  }
}
