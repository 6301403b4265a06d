package dev.esm.core.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.ApiException;
import com.datadog.api.client.v1.api.MonitorsApi;
import com.datadog.api.client.v1.model.CheckCanDeleteMonitorResponse;
import com.datadog.api.client.v1.model.Monitor;
import com.datadog.api.client.v1.model.MonitorDraftStatus;
import com.datadog.api.client.v1.model.MonitorUpdateRequest;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.esm.core.calls.CallCounter;
import dev.esm.core.datadog.RetryPolicy.Sleeper;
import dev.esm.core.render.MonitorDefinition;
import dev.esm.core.render.MonitorJson;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openapitools.jackson.nullable.JsonNullable;

/**
 * {@link DatadogMonitors} on Datadog's Java client (v1 monitors API): maps ESM's monitors to and
 * from the client's models. The clients are built by {@link DatadogClients}, when to send again is
 * {@link RetryPolicy}'s, and what still fails, times out or is refused becomes a
 * {@link DatadogException} through {@link DatadogErrors}.
 */
public final class DatadogApiMonitors implements DatadogMonitors, AutoCloseable {

  /** Datadog's largest page of monitors. */
  public static final int PAGE_SIZE = 1000;

  private final Map<Long, MonitorDraftStatus> draftStatuses = new java.util.concurrent.ConcurrentHashMap<>();

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
  private final DatadogErrors errors;
  private final CallCounter counter;

  public DatadogApiMonitors(DatadogSettings settings) {
    this(settings, CallCounter.NONE);
  }

  /** @param counter counts every HTTP request sent to Datadog and every failed one */
  public DatadogApiMonitors(DatadogSettings settings, CallCounter counter) {
    this(settings, Sleeper.scaled(settings.retryUnit()), counter);
  }

  DatadogApiMonitors(DatadogSettings settings, Sleeper sleeper) {
    this(settings, sleeper, CallCounter.NONE);
  }

  DatadogApiMonitors(DatadogSettings settings, Sleeper sleeper, CallCounter counter) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.counter = counter;
    this.client = DatadogClients.newClient(settings, RetryPolicy.forIdempotentCalls(settings.maxRetries(), sleeper), counter);
    this.api = new MonitorsApi(client);
    this.createClient = DatadogClients.newClient(settings, RetryPolicy.forCreates(sleeper), counter);
    this.createApi = new MonitorsApi(createClient);
    this.mapper = client.getJSON().getMapper();
    this.errors = new DatadogErrors(settings, mapper);
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

  /**
   * Pages with Datadog's {@code id_offset} cursor (ascending ids, each page after the last id
   * seen), so that a monitor deleted between two pages cannot shift another one out of sight.
   * Keeps only the monitors that carry exactly {@code tag}.
   */
  @Override
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

  /** Sent again only on 429, here: see {@link RetryPolicy} (rule 2). */
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
          throw DatadogErrors.unknownCreate(action, e.getCode());
        }
        throw failure(action, e);
      } catch (ProcessingException e) {
        Throwable cause = DatadogErrors.rootCause(e);
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
            || DatadogErrors.isTimeout(e)) {
          throw failure(action, e);
        }
        // The request may have reached Datadog before the connection dropped: the outcome is not known.
        counter.error();
        throw new DatadogException("the connection to Datadog dropped while " + action + " ("
            + cause.getClass().getSimpleName() + "); it may still have taken effect", 0, true, null);
      }
    }
  }

  private void waitForRateLimit(ApiException e, int attempt) {
    try {
      sleeper.sleep(RetryPolicy.rateLimitWait(e.getResponseHeaders(), attempt));
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
          String reasons = errors.reasons(e.getResponseBody());
          return List.of(reasons.isEmpty() ? "Datadog rejected it without a reason" : reasons);
        }
        throw failure(action, e);
      } catch (ProcessingException e) {
        if (attempt < RetryPolicy.TIMEOUT_RESENDS && DatadogErrors.isTimeout(e)) {
          continue; // RetryPolicy rule 5: validation writes nothing.
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
    if (!(e instanceof ApiException)) {
      counter.error(); // No answer: the HTTP layer saw the request go, not fail.
    }
    return errors.failure(action, e);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
