package dev.esm.core.datadog;

import com.datadog.api.client.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns what Datadog's client throws into a {@link DatadogException} that says what ESM was doing. */
final class DatadogErrors {

  private final DatadogSettings settings;
  private final ObjectMapper mapper;

  DatadogErrors(DatadogSettings settings, ObjectMapper mapper) {
    this.settings = settings;
    this.mapper = mapper;
  }

  /** @param action what ESM was doing, e.g. {@code creating monitor 'X'} */
  DatadogException failure(String action, Exception e) {
    int status = e instanceof ApiException api ? api.getCode() : 0;
    if (status > 0) {
      String errors = reasons(((ApiException) e).getResponseBody());
      String detail = errors.isEmpty() ? "" : ": " + errors;
      String message =
          switch (status) {
            case 401, 403 ->
                "Datadog refused the API or application key ("
                    + status
                    + ") while "
                    + action
                    + "; check DD_API_KEY, DD_APP_KEY and DD_SITE"
                    + " (the application key needs the monitors_read and monitors_write scopes)";
            case 404 -> "Datadog found no such monitor (404) while " + action + detail;
            case 429 ->
                "Datadog kept rate-limiting (429) "
                    + action
                    + " after "
                    + settings.maxRetries()
                    + " retries"
                    + detail;
            default ->
                status >= 500
                    ? "Datadog failed (" + status + ") " + action + " after " + settings.maxRetries() + " retries" + detail
                    : "Datadog rejected " + action + " (" + status + ")" + detail;
          };
      return new DatadogException(message, status, false, null);
    }
    Throwable cause = rootCause(e);
    if (isTimeout(e)) {
      return new DatadogException(
          "Datadog did not answer within "
              + seconds(cause instanceof SocketTimeoutException s && String.valueOf(s.getMessage()).contains("connect")
                  ? settings.connectTimeout()
                  : settings.readTimeout())
              + " while "
              + action
              + " (it may still have taken effect)",
          0,
          true,
          null);
    }
    String reason =
        cause instanceof UnknownHostException
            ? "unknown host " + cause.getMessage()
            : cause instanceof ConnectException
                ? "connection refused"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + masked(clip(cause.getMessage())));
    return new DatadogException(
        "Datadog could not be reached at " + settings.apiUrl() + " while " + action + " (" + reason + ")",
        0,
        false,
        null);
  }

  /** A create answered 5xx: Datadog (or a proxy before it) may have saved the monitor anyway. */
  static DatadogException unknownCreate(String action, int status) {
    return new DatadogException("Datadog failed (" + status + ") while " + action + "; it may still have taken effect",
        status, true, null);
  }

  /** How much of Datadog's error strings ESM quotes: they may echo what was sent, a query of any length. */
  static final int MAX_ERROR = 200;
  static final int MAX_ERRORS = 3;

  /**
   * Datadog's error bodies are {@code {"errors": ["…"]}}: only those strings are quoted, at most
   * {@value #MAX_ERRORS} of {@value #MAX_ERROR} characters each, with the keys masked; anything
   * else in the body is left out.
   */
  String reasons(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode errors = mapper.readTree(body).path("errors");
      List<String> texts = new ArrayList<>();
      if (errors.isArray()) {
        errors.forEach(node -> {
          if (node.isTextual()) {
            texts.add(node.asText());
          }
        });
      } else if (errors.isTextual()) {
        texts.add(errors.asText());
      }
      List<String> quoted = new ArrayList<>();
      for (String text : texts.subList(0, Math.min(texts.size(), MAX_ERRORS))) {
        quoted.add(clip(masked(text).replaceAll("\\s+", " ").strip()));
      }
      if (texts.size() > MAX_ERRORS) {
        quoted.add("and " + (texts.size() - MAX_ERRORS) + " more");
      }
      return String.join("; ", quoted);
    } catch (Exception notJson) {
      return "";
    }
  }

  /** {@code text} with the API and application keys replaced. */
  private String masked(String text) {
    String out = text;
    for (String key : List.of(settings.apiKey(), settings.appKey())) {
      if (key != null && key.length() >= 8) {
        out = out.replace(key, "[secret]");
      }
    }
    return out;
  }

  private static String clip(String text) {
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
  }

  static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return true;
      }
      if (t instanceof InterruptedIOException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
