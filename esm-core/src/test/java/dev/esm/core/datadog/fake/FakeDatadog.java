package dev.esm.core.datadog.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A stateful stand-in for Datadog's v1 monitors API on a real port of 127.0.0.1, for tests and
 * benchmarks. It rewrites monitors on save the way Datadog does (trims name and message, turns
 * {@code metric alert} into {@code query alert}, sorts tags, stores thresholds as floats, fills
 * default options, adds read-only fields), checks the keys, filters and pages listings, and
 * refuses to delete monitors used by an SLO or a composite monitor. Its monitor validation
 * ({@code POST /api/v1/monitor/validate}, {@code POST /api/v1/monitor/{id}/validate}) refuses
 * what Datadog refuses ({@link MonitorRules}): unbalanced queries, unknown functions, thresholds
 * against the query's comparison, anomaly rules; creates and updates check only required fields.
 *
 * <p>Test hooks: {@link #seed}, {@link #latency}, {@link #throttleNext}, {@link #failNext},
 * {@link #rejectWritesOf}, {@link #rejectValidationOf}, {@link #delayNextCreateAnswer}, {@link #markUsedBySlo},
 * {@link #markUsedByComposite}, {@link #calls}. Every request is counted, by method and path
 * template ({@code GET /api/v1/monitor}, {@code PUT /api/v1/monitor/{monitor_id}}, …), including
 * those answered with an error.
 */
public final class FakeDatadog implements AutoCloseable {

  public static final String API_KEY = "fake-api-key-0123456789";
  public static final String APP_KEY = "fake-app-key-0123456789";

  public static final String LIST = "GET /api/v1/monitor";
  public static final String CREATE = "POST /api/v1/monitor";
  public static final String GET = "GET /api/v1/monitor/{monitor_id}";
  public static final String UPDATE = "PUT /api/v1/monitor/{monitor_id}";
  public static final String DELETE = "DELETE /api/v1/monitor/{monitor_id}";
  public static final String CAN_DELETE = "GET /api/v1/monitor/can_delete";
  public static final String VALIDATE = "POST /api/v1/monitor/validate";
  public static final String VALIDATE_EXISTING = "POST /api/v1/monitor/{monitor_id}/validate";

  private static final Pattern MONITOR_PATH = Pattern.compile("/api/v1/monitor/(\\d+)");
  private static final Pattern VALIDATE_PATH = Pattern.compile("/api/v1/monitor/(\\d+)/validate");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The options Datadog fills in when a monitor is saved without them. */
  public static final Map<String, Object> DEFAULT_OPTIONS;

  static {
    // The JDK server writes headers and body apart; with Nagle's algorithm on, each answer waits
    // for the client's delayed ACK (~40 ms). Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("notify_audit", false);
    defaults.put("include_tags", true);
    defaults.put("new_host_delay", 300);
    defaults.put("notify_no_data", false);
    defaults.put("require_full_window", false);
    defaults.put("renotify_interval", 0);
    defaults.put("escalation_message", "");
    defaults.put("silenced", Map.of());
    defaults.put("locked", false);
    DEFAULT_OPTIONS = java.util.Collections.unmodifiableMap(defaults);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final String appKey;
  private final TreeMap<Long, ObjectNode> monitors = new TreeMap<>();
  private final Map<Long, String> usedBy = new HashMap<>();
  private final Map<String, Integer> rejectedNames = new ConcurrentHashMap<>();
  private final Map<String, String> validationRejections = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(100_001);
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger failing = new AtomicInteger();
  private final AtomicInteger passingBeforeFailure = new AtomicInteger();
  private volatile int throttleResetSeconds = 1;
  private volatile int failureStatus = 500;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration nextCreateDelay;
  private volatile Integer nextCreateFailure;
  private volatile boolean dropNextCreate;
  private volatile JsonNode nextAnswerBody;
  private volatile int nextAnswerStatus;
  private final AtomicInteger forcedDeletes = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  private FakeDatadog(String apiKey, String appKey) throws IOException {
    this.apiKey = apiKey;
    this.appKey = appKey;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-datadog-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts on a free port of 127.0.0.1, accepting {@link #API_KEY} and {@link #APP_KEY}. */
  private volatile boolean ignoreTagFilter;
  private volatile boolean ignoreIdOffset;

  public static FakeDatadog start() {
    return start(API_KEY, APP_KEY);
  }

  public static FakeDatadog start(String apiKey, String appKey) {
    try {
      return new FakeDatadog(apiKey, appKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where to point the client: {@code http://127.0.0.1:<port>}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** {@code DD_API_KEY}, {@code DD_APP_KEY} and {@code ESM_DATADOG_URL} for this fake. */
  public Map<String, String> environment() {
    return Map.of("DD_API_KEY", apiKey, "DD_APP_KEY", appKey, "ESM_DATADOG_URL", baseUrl().toString());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- hooks

  /** Stores a monitor as if created through the API (Datadog's rewrites applied); returns its ID. */
  public long seed(Map<String, ?> body) {
    ObjectNode node = JSON.valueToTree(body);
    synchronized (this) {
      return save(null, node).get("id").asLong();
    }
  }

  /** Stores a monitor given as a JSON object text. */
  public long seedJson(String json) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(json);
      synchronized (this) {
        return save(null, node).get("id").asLong();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of the stored monitor, as Datadog would answer it. */
  public synchronized Optional<JsonNode> monitor(long id) {
    ObjectNode node = monitors.get(id);
    return node == null ? Optional.empty() : Optional.of(node.deepCopy());
  }

  /** Copies of every stored monitor, by ID. */
  public synchronized List<JsonNode> monitors() {
    List<JsonNode> all = new ArrayList<>();
    monitors.values().forEach(node -> all.add(node.deepCopy()));
    return all;
  }

  /** Copies of the stored monitors with exactly this name. */
  public synchronized List<JsonNode> monitorsNamed(String name) {
    return monitors.values().stream()
        .filter(node -> node.path("name").asText().equals(name))
        .map(node -> (JsonNode) node.deepCopy())
        .toList();
  }

  /** Removes a monitor behind the client's back (as someone in Datadog's UI would). */
  public synchronized void remove(long id) {
    monitors.remove(id);
  }

  /** Answers every call only after this delay (the handler waits; calls still run in parallel). */
  /** Listings ignore {@code monitor_tags}: ESM must keep only what carries its tag itself. */
  public void ignoreTagFilter() {
    ignoreTagFilter = true;
  }

  /** Listings ignore the {@code id_offset} cursor (every page is the first one). */
  public void ignoreIdOffset() {
    ignoreIdOffset = true;
  }

  public void latency(Duration delay) {
    this.latency = delay;
  }

  /** Answers the next {@code n} calls with 429 and {@code X-RateLimit-Reset: resetSeconds}. */
  public void throttleNext(int n, int resetSeconds) {
    this.throttleResetSeconds = resetSeconds;
    throttled.set(n);
  }

  /** Answers the next {@code n} calls with {@code status} (a 5xx), changing nothing. */
  public void failNext(int n, int status) {
    failAfter(0, n, status);
  }

  /** Lets {@code passing} calls through, then answers the {@code n} after them with {@code status}. */
  public void failAfter(int passing, int n, int status) {
    this.failureStatus = status;
    passingBeforeFailure.set(passing);
    failing.set(n);
  }

  /** From now on, answers every create or update of a monitor with this name with {@code status}. */
  public void rejectWritesOf(String name, int status) {
    rejectedNames.put(name.trim(), status);
  }

  /**
   * From now on, Datadog's validation rejects a monitor with this name with {@code reason}, as it
   * does for what the stand-in cannot judge (a metric that does not exist, a tag it refuses).
   */
  public void rejectValidationOf(String name, String reason) {
    validationRejections.put(name.trim(), reason);
  }

  /** The next create is saved, then answered with {@code status} (a 5xx from a proxy after the work was done). */
  public void failNextCreateAfterSaving(int status) {
    this.nextCreateFailure = status;
  }

  /** The next call, whatever it is, is answered {@code status} with {@code body} (e.g. an error body that quotes the request). */
  public void answerNextWith(int status, JsonNode body) {
    this.nextAnswerStatus = status;
    this.nextAnswerBody = body;
  }

  /** The next create is saved, then its connection is closed without an answer (a dropped connection). */
  public void dropNextCreateAfterSaving() {
    this.dropNextCreate = true;
  }

  /** The next create is saved at once but answered only after {@code delay} (a timed-out create). */
  public void delayNextCreateAnswer(Duration delay) {
    this.nextCreateDelay = delay;
  }

  public synchronized void markUsedBySlo(long id, String sloId) {
    usedBy.put(id, "monitor [" + id + "] is referenced in slos: [" + sloId + "]");
  }

  public synchronized void markUsedByComposite(long id, long compositeId) {
    usedBy.put(id, "monitor [" + id + "] is referenced in composite monitors: [" + compositeId + "]");
  }

  /** How many calls arrived for a method and path template, e.g. {@link #LIST}. */
  public int calls(String methodAndTemplate) {
    AtomicInteger count = calls.get(methodAndTemplate);
    return count == null ? 0 : count.get();
  }

  /** All counts, by method and path template. */
  public Map<String, Integer> calls() {
    Map<String, Integer> copy = new TreeMap<>();
    calls.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** Calls that write: creates, updates and deletes. */
  public int writes() {
    return calls(CREATE) + calls(UPDATE) + calls(DELETE);
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public void resetCalls() {
    calls.clear();
    mostInFlight.set(0);
  }

  /** The most calls that were being answered at once. */
  public int mostCallsInFlight() {
    return mostInFlight.get();
  }

  /** How many deletes asked to be forced. */
  public int forcedDeletes() {
    return forcedDeletes.get();
  }

  // ---------------------------------------------------------------- HTTP

  /** Whether the call this handler thread is serving still counts as in flight. */
  private final ThreadLocal<Boolean> serving = ThreadLocal.withInitial(() -> false);

  /** Counts a call out of the in-flight gauge once, whether it was answered or not. */
  private void finished(HttpExchange exchange) {
    if (serving.get()) {
      serving.set(false);
      inFlight.decrementAndGet();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    serving.set(true);
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      calls.computeIfAbsent(method + " " + template(path), k -> new AtomicInteger()).incrementAndGet();
      byte[] body = readBody(exchange);
      pause(latency);

      if (!apiKey.equals(exchange.getRequestHeaders().getFirst("DD-API-KEY"))
          || !appKey.equals(exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"))) {
        send(exchange, 403, errors("Forbidden"));
        return;
      }
      if (take(throttled)) {
        exchange.getResponseHeaders().add("X-RateLimit-Limit", "100");
        exchange.getResponseHeaders().add("X-RateLimit-Period", "10");
        exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
        exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(throttleResetSeconds));
        exchange.getResponseHeaders().add("X-RateLimit-Name", "monitors");
        send(exchange, 429, errors("Too many requests"));
        return;
      }
      JsonNode canned = nextAnswerBody;
      if (canned != null) {
        nextAnswerBody = null;
        send(exchange, nextAnswerStatus, canned);
        return;
      }
      if (!take(passingBeforeFailure) && take(failing)) {
        send(exchange, failureStatus, errors("Internal Server Error"));
        return;
      }
      route(exchange, method, path, query, body);
    } catch (RuntimeException e) {
      try {
        send(exchange, 500, errors("fake failed: " + e));
      } catch (IOException ignored) {
        // The client left.
      }
    } finally {
      finished(exchange);
    }
  }

  private void route(HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body)
      throws IOException {
    Matcher one = MONITOR_PATH.matcher(path);
    if (path.equals("/api/v1/monitor") && method.equals("GET")) {
      list(exchange, query);
    } else if (path.equals("/api/v1/monitor") && method.equals("POST")) {
      create(exchange, body);
    } else if (path.equals("/api/v1/monitor/can_delete") && method.equals("GET")) {
      canDelete(exchange, query);
    } else if (path.equals("/api/v1/monitor/validate") && method.equals("POST")) {
      validate(exchange, null, body);
    } else if (VALIDATE_PATH.matcher(path).matches() && method.equals("POST")) {
      Matcher existing = VALIDATE_PATH.matcher(path);
      existing.matches();
      validate(exchange, Long.parseLong(existing.group(1)), body);
    } else if (one.matches()) {
      long id = Long.parseLong(one.group(1));
      switch (method) {
        case "GET" -> get(exchange, id);
        case "PUT" -> update(exchange, id, body);
        case "DELETE" -> delete(exchange, id, query);
        default -> send(exchange, 405, errors("Method not allowed"));
      }
    } else {
      send(exchange, 404, errors("Not found"));
    }
  }

  private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
    List<String> wanted = ignoreTagFilter ? List.of() : splitCsv(query.get("monitor_tags"));
    String name = query.get("name");
    List<ObjectNode> matching = new ArrayList<>();
    synchronized (this) {
      for (ObjectNode monitor : monitors.values()) {
        List<String> tags = new ArrayList<>();
        monitor.path("tags").forEach(t -> tags.add(t.asText()));
        if (!tags.containsAll(wanted)) {
          continue;
        }
        if (name != null && !monitor.path("name").asText().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
          continue;
        }
        matching.add(monitor.deepCopy());
      }
    }
    List<ObjectNode> page = matching;
    if (query.containsKey("id_offset") && ignoreIdOffset) {
      page = matching.stream().limit(query.containsKey("page_size") ? Integer.parseInt(query.get("page_size")) : Integer.MAX_VALUE).toList();
    } else if (query.containsKey("id_offset")) {
      // Datadog's cursor: ascending ids after the offset, page_size of them (all without it).
      long offset = Long.parseLong(query.get("id_offset"));
      int pageSize = query.containsKey("page_size") ? Integer.parseInt(query.get("page_size")) : Integer.MAX_VALUE;
      page = matching.stream()
          .filter(m -> m.path("id").asLong() > offset)
          .sorted(java.util.Comparator.comparingLong(m -> m.path("id").asLong()))
          .limit(pageSize)
          .toList();
    } else if (query.containsKey("page")) {
      int pageSize = query.containsKey("page_size") ? Integer.parseInt(query.get("page_size")) : 100;
      if (pageSize < 1 || pageSize > 1000) {
        send(exchange, 400, errors("page_size must be between 1 and 1000"));
        return;
      }
      int number = Integer.parseInt(query.get("page"));
      int from = (int) Math.min(matching.size(), (long) number * pageSize);
      page = matching.subList(from, Math.min(matching.size(), from + pageSize));
    }
    ArrayNode array = JSON.createArrayNode();
    page.forEach(array::add);
    send(exchange, 200, array);
  }

  private void create(HttpExchange exchange, byte[] body) throws IOException {
    ObjectNode request = parseObject(exchange, body);
    if (request == null) {
      return;
    }
    String invalid = invalid(request, true);
    if (invalid != null) {
      send(exchange, 400, errors(invalid));
      return;
    }
    Integer rejected = rejectedNames.get(request.path("name").asText().trim());
    if (rejected != null) {
      send(exchange, rejected, errors(rejected >= 500 ? "Internal Server Error" : "Rejected by the test"));
      return;
    }
    ObjectNode saved;
    synchronized (this) {
      saved = save(null, request).deepCopy();
    }
    Duration delay = nextCreateDelay;
    if (delay != null) {
      nextCreateDelay = null;
      pause(delay);
    }
    if (dropNextCreate) {
      dropNextCreate = false;
      exchange.close(); // closing before any answer drops the connection
      return;
    }
    Integer failure = nextCreateFailure;
    if (failure != null) {
      nextCreateFailure = null;
      send(exchange, failure, errors("Bad Gateway"));
      return;
    }
    send(exchange, 200, saved);
  }

  /**
   * Datadog's monitor validation: 200 and an empty object for a body it would accept, 400 with
   * its reason otherwise; nothing is stored. For an existing monitor the body is checked as the
   * monitor would be after the update.
   */
  private void validate(HttpExchange exchange, Long id, byte[] body) throws IOException {
    ObjectNode request = parseObject(exchange, body);
    if (request == null) {
      return;
    }
    if (id != null && monitor(id).isEmpty()) {
      send(exchange, 404, errors("Monitor not found"));
      return;
    }
    String rejection = MonitorRules.rejection(request, true);
    if (rejection == null) {
      rejection = validationRejections.get(request.path("name").asText().trim());
    }
    if (rejection != null) {
      send(exchange, 400, errors(rejection));
      return;
    }
    send(exchange, 200, JSON.createObjectNode());
  }

  private void get(HttpExchange exchange, long id) throws IOException {
    Optional<JsonNode> monitor = monitor(id);
    if (monitor.isEmpty()) {
      send(exchange, 404, errors("Monitor not found"));
    } else {
      send(exchange, 200, monitor.get());
    }
  }

  private void update(HttpExchange exchange, long id, byte[] body) throws IOException {
    ObjectNode request = parseObject(exchange, body);
    if (request == null) {
      return;
    }
    String invalid = invalid(request, false);
    if (invalid != null) {
      send(exchange, 400, errors(invalid));
      return;
    }
    ObjectNode saved;
    synchronized (this) {
      ObjectNode current = monitors.get(id);
      if (current == null) {
        send(exchange, 404, errors("Monitor not found"));
        return;
      }
      String name = request.has("name") ? request.path("name").asText() : current.path("name").asText();
      Integer rejected = rejectedNames.get(name.trim());
      if (rejected != null) {
        send(exchange, rejected, errors(rejected >= 500 ? "Internal Server Error" : "Rejected by the test"));
        return;
      }
      ObjectNode merged = current.deepCopy();
      request.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
      saved = save(id, merged).deepCopy();
    }
    send(exchange, 200, saved);
  }

  private void delete(HttpExchange exchange, long id, Map<String, String> query) throws IOException {
    boolean force = "true".equalsIgnoreCase(query.get("force"));
    if (force) {
      forcedDeletes.incrementAndGet();
    }
    synchronized (this) {
      if (!monitors.containsKey(id)) {
        send(exchange, 404, errors("Monitor not found"));
        return;
      }
      String blocker = usedBy.get(id);
      if (blocker != null && !force) {
        send(exchange, 400, errors(blocker));
        return;
      }
      monitors.remove(id);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("deleted_monitor_id", id);
    send(exchange, 200, answer);
  }

  private void canDelete(HttpExchange exchange, Map<String, String> query) throws IOException {
    List<String> ids = splitCsv(query.get("monitor_ids"));
    if (ids.isEmpty()) {
      send(exchange, 400, errors("monitor_ids is required"));
      return;
    }
    ArrayNode ok = JSON.createArrayNode();
    ObjectNode blocked = JSON.createObjectNode();
    synchronized (this) {
      for (String raw : ids) {
        long id = Long.parseLong(raw);
        String blocker = usedBy.get(id);
        if (blocker != null && monitors.containsKey(id)) {
          blocked.putArray(String.valueOf(id)).add(blocker);
        } else {
          ok.add(id);
        }
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putObject("data").set("ok", ok);
    if (blocked.isEmpty()) {
      answer.putNull("errors");
      send(exchange, 200, answer);
    } else {
      answer.set("errors", blocked);
      send(exchange, 409, answer);
    }
  }

  // ---------------------------------------------------------------- Datadog's rewrites

  /** Applies Datadog's rewrites and stores; the caller holds the lock. */
  private ObjectNode save(Long existingId, ObjectNode request) {
    Instant now = Instant.now();
    ObjectNode stored = JSON.createObjectNode();
    long id = existingId != null ? existingId : nextId.getAndIncrement();
    ObjectNode previous = existingId == null ? null : monitors.get(existingId);
    stored.put("id", id);
    stored.put("org_id", 4242);
    String type = request.path("type").asText();
    stored.put("type", type.equals("metric alert") ? "query alert" : type);
    stored.put("name", request.path("name").asText().trim());
    stored.put("query", request.path("query").asText());
    stored.put("message", request.path("message").asText("").trim());
    TreeSet<String> tags = new TreeSet<>();
    request.path("tags").forEach(t -> tags.add(t.asText()));
    ArrayNode tagArray = stored.putArray("tags");
    tags.forEach(tagArray::add);
    if (request.hasNonNull("priority")) {
      stored.put("priority", request.get("priority").asLong());
    } else {
      stored.putNull("priority");
    }
    // Datadog keeps a monitor's draft status unless a write names one; new monitors are published.
    stored.put("draft_status", request.hasNonNull("draft_status") ? request.get("draft_status").asText()
        : previous != null ? previous.path("draft_status").asText("published") : "published");
    ObjectNode options =
        request.path("options").isObject() ? ((ObjectNode) request.get("options")).deepCopy() : JSON.createObjectNode();
    DEFAULT_OPTIONS.forEach((key, value) -> {
      if (!options.has(key)) {
        options.set(key, JSON.valueToTree(value));
      }
    });
    if (options.path("thresholds").isObject()) {
      ObjectNode thresholds = (ObjectNode) options.get("thresholds");
      for (String key : thresholds.properties().stream().map(Map.Entry::getKey).toList()) {
        JsonNode value = thresholds.get(key);
        if (value.isNumber()) {
          thresholds.put(key, value.doubleValue());
        }
      }
    }
    stored.set("options", options);
    stored.putArray("restricted_roles");
    stored.put("multi", query(request).contains(" by "));
    stored.put("created", previous == null ? now.toString() : previous.path("created").asText());
    stored.put("modified", now.toString());
    stored.putNull("deleted");
    ObjectNode creator = stored.putObject("creator");
    creator.put("email", "esm@example.com");
    creator.put("handle", "esm@example.com");
    creator.put("name", "ESM");
    stored.put("overall_state", previous == null ? "No Data" : previous.path("overall_state").asText("No Data"));
    stored.put("overall_state_modified", now.toString());
    stored.putArray("matching_downtimes");
    monitors.put(id, stored);
    return stored;
  }

  private static String query(ObjectNode request) {
    return request.path("query").asText("");
  }

  /**
   * What a save refuses: only missing fields. The rules of {@link MonitorRules} are checked by
   * the validation endpoints, so that tests can still store bodies Datadog would question.
   */
  private static String invalid(ObjectNode request, boolean creating) {
    if (creating || request.has("name")) {
      if (request.path("name").asText("").isBlank()) {
        return "The value provided for parameter 'name' is invalid";
      }
    }
    if (creating || request.has("query")) {
      if (request.path("query").asText("").isBlank()) {
        return "The value provided for parameter 'query' is invalid";
      }
    }
    if (creating && request.path("type").asText("").isBlank()) {
      return "The value provided for parameter 'type' is invalid";
    }
    return null;
  }

  // ---------------------------------------------------------------- plumbing

  private ObjectNode parseObject(HttpExchange exchange, byte[] body) throws IOException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // Reported below.
    }
    send(exchange, 400, errors("Invalid JSON"));
    return null;
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String encoding = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")).toLowerCase(Locale.ROOT);
    InputStream in = exchange.getRequestBody();
    if (encoding.contains("gzip")) {
      in = new GZIPInputStream(in);
    } else if (encoding.contains("deflate")) {
      in = new InflaterInputStream(in);
    }
    try (InputStream body = in) {
      return body.readAllBytes();
    }
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    finished(exchange); // before answering: the client may send its next call as soon as it reads this one
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ObjectNode errors(String message) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("errors").add(message);
    return node;
  }

  private static String template(String path) {
    if (VALIDATE_PATH.matcher(path).matches()) {
      return "/api/v1/monitor/{monitor_id}/validate";
    }
    if (MONITOR_PATH.matcher(path).matches()) {
      return "/api/v1/monitor/{monitor_id}";
    }
    return path;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.merge(key, value, (a, b) -> a + "," + b);
    }
    return params;
  }

  private static List<String> splitCsv(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static void pause(Duration delay) {
    if (delay == null || delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
