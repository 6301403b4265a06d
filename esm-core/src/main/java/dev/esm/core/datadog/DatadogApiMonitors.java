package dev.esm.core.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.ApiException;
import com.datadog.api.client.RetryConfig;
import com.datadog.api.client.v1.api.MonitorsApi;
import com.datadog.api.client.v1.model.CheckCanDeleteMonitorResponse;
import com.datadog.api.client.v1.model.Monitor;
import com.datadog.api.client.v1.model.MonitorDraftStatus;
import com.datadog.api.client.v1.model.MonitorUpdateRequest;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.esm.core.render.MonitorDefinition;
import dev.esm.core.render.MonitorJson;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openapitools.jackson.nullable.JsonNullable;

/**
 * {@link DatadogMonitors} on Datadog's Java client (v1 monitors API).
 *
 * <p>Throttled (429) and failed (5xx) calls are retried by the client itself, which waits for
 * {@code X-RateLimit-Reset} when Datadog sends it and backs off exponentially otherwise. What
 * still fails, times out or is refused becomes a {@link DatadogException}.
 */
public final class DatadogApiMonitors implements DatadogMonitors, AutoCloseable {

  /** Datadog's largest page of monitors. */
  public static final int PAGE_SIZE = 1000;

  private final Map<Long, MonitorDraftStatus> draftStatuses = new java.util.concurrent.ConcurrentHashMap<>();

  /** Waits between retries; tests replace it to run fast and to see the waits asked for. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  static {
    // The client's transport, HttpURLConnection, silently sends a POST again when the connection
    // drops before an answer: a create saved by Datadog would be created twice. ESM looks before
    // sending a create again (read once, when the JDK's HTTP client is first loaded).
    if (System.getProperty("sun.net.http.retryPost") == null) {
      System.setProperty("sun.net.http.retryPost", "false");
    }
  }

  private final DatadogSettings settings;
  private final Sleeper sleeper;
  private final ApiClient client;
  private final MonitorsApi api;
  /** Creates go through a client that never retries by itself: see {@link #create}. */
  private final ApiClient createClient;
  private final MonitorsApi createApi;
  private final ObjectMapper mapper;

  public DatadogApiMonitors(DatadogSettings settings) {
    this(settings, scaled(settings.retryUnit()));
  }

  DatadogApiMonitors(DatadogSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.client = newClient(settings, new SleepingRetryConfig(settings.maxRetries(), sleeper));
    this.api = new MonitorsApi(client);
    this.createClient = newClient(settings, new SleepingRetryConfig(0, sleeper));
    this.createApi = new MonitorsApi(createClient);
    this.mapper = client.getJSON().getMapper();
  }

  private static ApiClient newClient(DatadogSettings settings, RetryConfig retry) {
    ApiClient client = new ApiClient();
    client.setDebugging(false);
    URI apiUrl = settings.apiUrl();
    if (settings.baseUrl() != null) {
      // The templated server "{protocol}://{name}" takes any host, port and path prefix.
      String name = apiUrl.getRawAuthority() + (apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath());
      client.setServerIndex(1);
      client.setServerVariables(Map.of("protocol", apiUrl.getScheme(), "name", name));
    } else {
      client.setServerVariables(Map.of("site", settings.site()));
    }
    client.configureApiKeys(Map.of("apiKeyAuth", settings.apiKey(), "appKeyAuth", settings.appKey()));
    client.setConnectTimeout(millis(settings.connectTimeout()));
    client.setReadTimeout(millis(settings.readTimeout()));
    client.setRetry(retry);
    // The client looks X-RateLimit-Reset up by its lower-case name only; proxies and HTTP/1.1
    // servers may spell it otherwise, so the rate-limit headers are lower-cased on arrival.
    client.getHttpClient().register(new LowerCaseRateLimitHeaders());
    return client;
  }

  public DatadogSettings settings() {
    return settings;
  }

  /** Releases the HTTP client's connections. */
  @Override
  public void close() {
    client.getHttpClient().close();
    createClient.getHttpClient().close();
  }

  @Override
  /**
   * Pages with Datadog's {@code id_offset} cursor (ascending ids, each page after the last id
   * seen), so that a monitor deleted between two pages cannot shift another one out of sight.
   * Keeps only the monitors that carry exactly {@code tag}.
   */
  public List<RemoteMonitor> listByTag(String tag) {
    Map<Long, RemoteMonitor> monitors = new LinkedHashMap<>();
    long offset = 0;
    for (int page = 1; ; page++) {
      List<Monitor> batch;
      try {
        batch = api.listMonitors(new MonitorsApi.ListMonitorsOptionalParameters()
            .monitorTags(tag)
            .idOffset(offset)
            .pageSize(PAGE_SIZE));
      } catch (ApiException | ProcessingException e) {
        throw failure("listing the monitors tagged " + tag + " (page " + page + ")", e);
      }
      if (batch == null) {
        throw new DatadogException("Datadog answered no list of monitors tagged " + tag + " (page " + page + ")", 0, false, null);
      }
      if (batch.isEmpty()) {
        return List.copyOf(monitors.values());
      }
      long highest = offset;
      for (Monitor monitor : batch) {
        RemoteMonitor remote = toRemote(monitor);
        highest = Math.max(highest, remote.id());
        if (remote.definition().tags().contains(tag)) {
          monitors.putIfAbsent(remote.id(), remote);
        }
      }
      if (highest <= offset) {
        throw new DatadogException("Datadog's list of monitors tagged " + tag + " did not move past id " + offset
            + " (page " + page + "): stopped rather than list forever", 0, false, null);
      }
      if (batch.size() < PAGE_SIZE) {
        // A short page is the last one: no need to ask for the empty page after it.
        return List.copyOf(monitors.values());
      }
      offset = highest;
    }
  }

  /**
   * A create is retried here, not by the client: a 429 means nothing was done, so it is sent
   * again after {@code X-RateLimit-Reset}; a 5xx may come after Datadog (or a proxy in front of
   * it) already saved the monitor, so it is reported as an outcome not known, like a timeout,
   * and the caller looks the name up before sending it again. Never a blind second POST.
   */
  @Override
  public RemoteMonitor create(MonitorDefinition definition) {
    Monitor body = mapper.convertValue(MonitorJson.body(definition), Monitor.class);
    String action = "creating monitor '" + definition.name() + "'";
    for (int attempt = 0; ; attempt++) {
      try {
        return toRemote(createApi.createMonitor(body));
      } catch (ApiException e) {
        if (e.getCode() == 429 && attempt < settings.maxRetries()) {
          waitForRateLimit(e, attempt);
          continue;
        }
        if (e.getCode() >= 500) {
          throw new DatadogException("Datadog failed (" + e.getCode() + ") while " + action
              + "; it may still have taken effect", e.getCode(), true, null);
        }
        throw failure(action, e);
      } catch (ProcessingException e) {
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException || cause instanceof UnknownHostException || isTimeout(e)) {
          throw failure(action, e);
        }
        // The request may have reached Datadog before the connection dropped: the outcome is not known.
        throw new DatadogException("the connection to Datadog dropped while " + action + " ("
            + cause.getClass().getSimpleName() + "); it may still have taken effect", 0, true, null);
      }
    }
  }

  private void waitForRateLimit(ApiException e, int attempt) {
    int seconds = 2 << attempt;
    Map<String, List<String>> headers = e.getResponseHeaders();
    List<String> reset = headers == null ? null : headers.get("x-ratelimit-reset");
    if (reset != null && !reset.isEmpty()) {
      try {
        seconds = Math.max(0, Integer.parseInt(reset.get(0).trim()));
      } catch (NumberFormatException ignored) {
        // Datadog sends whole seconds; anything else falls back to the backoff.
      }
    }
    try {
      sleeper.sleep(Duration.ofSeconds(seconds));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new DatadogException("interrupted while waiting for Datadog's rate limit", 429, false, interrupted);
    }
  }

  @Override
  public RemoteMonitor update(long id, MonitorDefinition definition) {
    try {
      MonitorUpdateRequest request = mapper.convertValue(MonitorJson.body(definition), MonitorUpdateRequest.class);
      if (definition.priority() == null) {
        // A JSON null clears the priority; an absent field would leave Datadog's in place.
        request.setPriority_JsonNullable(JsonNullable.of(null));
      }
      // The client would send "published" and so re-publish a monitor someone set to draft: send
      // the status Datadog has instead (see README, "draft_status").
      request.setDraftStatus(currentDraftStatus(id));
      return toRemote(api.updateMonitor(id, request));
    } catch (ApiException | ProcessingException e) {
      throw failure("updating monitor " + id + " '" + definition.name() + "'", e);
    }
  }

  /** Datadog answers 200 for a body it accepts and 400 with its reasons for one it rejects. */
  @Override
  public List<String> validate(Long id, MonitorDefinition definition) {
    Monitor body = mapper.convertValue(MonitorJson.body(definition), Monitor.class);
    String action = "validating monitor '" + definition.name() + "'" + (id == null ? "" : " (" + id + ")");
    for (int attempt = 0; ; attempt++) {
      try {
        if (id == null) {
          api.validateMonitor(body);
        } else {
          api.validateExistingMonitor(id, body);
        }
        return List.of();
      } catch (ApiException e) {
        if (e.getCode() == 400) {
          String reasons = errors(e.getResponseBody());
          return List.of(reasons.isEmpty() ? "Datadog rejected it without a reason" : reasons);
        }
        throw failure(action, e);
      } catch (ProcessingException e) {
        if (attempt == 0 && isTimeout(e)) {
          continue; // Validation writes nothing: safe to ask again, once, as for an update.
        }
        throw failure(action, e);
      }
    }
  }

  @Override
  public void delete(long id) {
    try {
      api.deleteMonitor(id);
    } catch (ApiException | ProcessingException e) {
      throw failure("deleting monitor " + id, e);
    }
  }

  @Override
  public Map<Long, String> deletionBlockers(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    CheckCanDeleteMonitorResponse response;
    try {
      response = api.checkCanDeleteMonitor(List.copyOf(ids));
    } catch (ApiException e) {
      // Datadog answers 409 when some cannot be deleted, with the same body as a 200.
      if (e.getCode() != 409 || e.getResponseBody() == null) {
        throw failure("asking which monitors can be deleted", e);
      }
      try {
        response = mapper.readValue(e.getResponseBody(), CheckCanDeleteMonitorResponse.class);
      } catch (Exception unreadable) {
        throw failure("asking which monitors can be deleted", e);
      }
    } catch (ProcessingException e) {
      throw failure("asking which monitors can be deleted", e);
    }
    Map<Long, String> blockers = new TreeMap<>();
    Map<String, List<String>> errors = response.getErrors();
    if (errors != null) {
      errors.forEach(
          (id, reasons) -> {
            try {
              blockers.put(
                  Long.parseLong(id.trim()),
                  reasons == null || reasons.isEmpty() ? "Datadog refuses to delete it" : String.join("; ", reasons));
            } catch (NumberFormatException ignored) {
              // Not a monitor ID: nothing to report against.
            }
          });
    }
    return blockers;
  }

  @Override
  public URI monitorUrl(long id) {
    return URI.create(settings.appUrl() + "/monitors/" + id);
  }


  /** The draft status Datadog last showed for the monitor, from a listing or else asked for. */
  private MonitorDraftStatus currentDraftStatus(long id) throws ApiException {
    MonitorDraftStatus known = draftStatuses.get(id);
    if (known == null) {
      Monitor current = api.getMonitor(id);
      known = current == null || current.getDraftStatus() == null ? MonitorDraftStatus.PUBLISHED : current.getDraftStatus();
    }
    return known;
  }

  private RemoteMonitor toRemote(Monitor monitor) {
    if (monitor == null || monitor.getId() == null) {
      throw new DatadogException("Datadog answered a monitor without an ID", 0, false, null);
    }
    if (monitor.getDraftStatus() != null) {
      draftStatuses.put(monitor.getId(), monitor.getDraftStatus());
    }
    Map<String, Object> json = mapper.convertValue(monitor, JSON_OBJECT);
    @SuppressWarnings("unchecked")
    Map<String, Object> options =
        json.get("options") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    List<String> tags = monitor.getTags() == null ? List.of() : monitor.getTags();
    Long priority = monitor.getPriority();
    MonitorDefinition definition =
        new MonitorDefinition(
            nullToEmpty(monitor.getName()),
            monitor.getType() == null ? "" : String.valueOf(monitor.getType().getValue()),
            nullToEmpty(monitor.getQuery()),
            monitor.getMessage(),
            tags,
            priority == null ? null : Math.toIntExact(priority),
            options);
    return new RemoteMonitor(monitor.getId(), definition);
  }

  private DatadogException failure(String action, Exception e) {
    int status = e instanceof ApiException api ? api.getCode() : 0;
    if (status > 0) {
      String errors = errors(((ApiException) e).getResponseBody());
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

  /** How much of Datadog's error strings ESM quotes: they may echo what was sent, a query of any length. */
  static final int MAX_ERROR = 200;
  static final int MAX_ERRORS = 3;

  /**
   * Datadog's error bodies are {@code {"errors": ["…"]}}: only those strings are quoted, at most
   * {@value #MAX_ERRORS} of {@value #MAX_ERROR} characters each, with the keys masked; anything
   * else in the body is left out.
   */
  private String errors(String body) {
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
        String masked = masked(text).replaceAll("\\s+", " ").strip();
        quoted.add(masked.length() > MAX_ERROR ? masked.substring(0, MAX_ERROR) + "…" : masked);
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

  private static boolean isTimeout(Throwable e) {
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

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String clip(String text) {
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Sleeper scaled(Duration unit) {
    return d -> Thread.sleep(d.toSeconds() * unit.toMillis());
  }

  /**
   * The client's own retry policy (429 and 5xx; {@code X-RateLimit-Reset} seconds when sent,
   * else 2, 4, 8… seconds), with the waiting done by a {@link Sleeper}.
   */
  private static final class SleepingRetryConfig extends RetryConfig {
    private final Sleeper sleeper;

    SleepingRetryConfig(int maxRetries, Sleeper sleeper) {
      super(maxRetries > 0, 2, 2, maxRetries);
      this.sleeper = sleeper;
    }

    @Override
    public void sleepInterval(int seconds) {
      try {
        sleeper.sleep(Duration.ofSeconds(Math.max(0, seconds)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final class LowerCaseRateLimitHeaders implements ClientResponseFilter {
    @Override
    public void filter(jakarta.ws.rs.client.ClientRequestContext request, ClientResponseContext response) {
      MultivaluedMap<String, String> headers = response.getHeaders();
      for (String name : List.copyOf(headers.keySet())) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-ratelimit-") && !lower.equals(name)) {
          List<String> values = headers.remove(name);
          headers.put(lower, values);
        }
      }
    }
  }
}
