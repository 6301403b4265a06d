package dev.esm.catalog;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.render.MonitorDefinition;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Registration;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.store.PastCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example repository as the catalog reads it: the example schemas at its root and the example
 * producer's Java sources under {@code producer/} ({@code coverage.sources}); their monitors
 * registered in the Datadog stand-in by pull request #42, then one edited in Datadog, one deleted
 * there, and one orphan left behind.
 */
public final class CatalogFixture {

  public static final String REPO = "acme/event-schemas";
  public static final String PAGE = "https://github.com/" + REPO;
  public static final String PULL_REQUEST = PAGE + "/pull/42";
  public static final String EDITED = "Traffic Anomaly with AddToCartEvent";
  public static final String MISSING = "Serialization Errors with QuizSubmittedEvent";
  public static final String ORPHAN = "Traffic Drop with RetiredEvent";
  public static final Instant READ_AT = Instant.parse("2026-12-02T12:00:00Z");

  private static final Path SCHEMAS = Path.of("../schemas");
  private static final Path PRODUCER = Path.of("../examples/producer/src/main/java");

  private CatalogFixture() {}

  /** Counts the requests a client sends, at its HTTP layer (where {@code esm_*_calls_total} count them). */
  public static final class Calls implements dev.esm.core.calls.CallCounter {
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void call() {
      sent.incrementAndGet();
    }

    @Override
    public void error() {}

    public int get() {
      return sent.get();
    }

    public void reset() {
      sent.set(0);
    }
  }

  public static EsmConfig config() {
    return new ConfigLoader().parse("""
        github:
          repositories: [acme/event-schemas]
        datadog:
          parallelism: 1
        coverage:
          sources: [producer]
        ui: true
        """, Path.of("esm.yaml"));
  }

  /** The repository's files by path, as its archive holds them. */
  public static Map<String, String> repositoryFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    add(files, SCHEMAS, "");
    add(files, PRODUCER, "producer/");
    return files;
  }

  private static void add(Map<String, String> files, Path folder, String prefix) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(prefix + folder.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository written out under {@code root}. */
  public static Path checkout(Path root) throws IOException {
    for (Map.Entry<String, String> file : repositoryFiles().entrySet()) {
      Path target = root.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    return root;
  }

  public static DatadogApiMonitors client(FakeDatadog datadog, dev.esm.core.calls.CallCounter counter) {
    return new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment()).withRetries(0, Duration.ofMillis(1)),
        counter);
  }

  /** What pull request #42 registered, then what people did in Datadog by hand. */
  public static void registerAndDrift(EsmConfig config, Path root, FakeDatadog datadog) {
    DatadogApiMonitors client = client(datadog, dev.esm.core.calls.CallCounter.NONE);
    Rendering rendering = render(config, root, PULL_REQUEST);
    Reconciler reconciler = new Reconciler(config, client);
    reconciler.apply(reconciler.plan(rendering, rendering.eventTags(), rendering.eventTags(), Registration.BY_PULL_REQUEST));
    RemoteMonitor edited = client.listByTag(config.identityTag()).stream()
        .filter(m -> m.definition().name().equals(EDITED)).findFirst().orElseThrow();
    MonitorDefinition d = edited.definition();
    client.update(edited.id(), new MonitorDefinition(d.name(), d.type(), d.query(), d.message() + "\n\nEdited by hand.", d.tags(),
        d.priority(), d.options()));
    datadog.remove(datadog.monitorsNamed(MISSING).get(0).get("id").asLong());
    datadog.seed(Map.of("name", ORPHAN, "type", "query alert", "query", "sum(last_1h):sum:event_tracking.events.count{event:retiredevent}.as_count() < 1",
        "message", "gone", "tags", List.of(config.identityTag(), "event:retiredevent", "team:team-cart")));
  }

  /** The default branch as the service renders it (with {@code pullRequest}: as that pull request registered it). */
  public static Rendering render(EsmConfig config, Path root, String pullRequest) {
    List<Path> schemas;
    try (Stream<Path> walk = Files.walk(root)) {
      schemas = walk.filter(p -> p.toString().endsWith(".avdl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Workspace(config, 1).render(new SchemaSource(root, schemas), new RenderContext(PAGE, "main", pullRequest));
  }

  /** The branch as {@link CatalogSource} hands it over. */
  public static Branch branch(EsmConfig config, Path root) {
    Rendering rendering = render(config, root, null);
    Map<String, List<Catalog.Site>> sites = new LinkedHashMap<>();
    rendering.emissions().forEach((event, found) -> sites.put(event, found.stream()
        .map(s -> new Catalog.Site(s.relativePath(root), s.line(), URI.create(PAGE + "/blob/main/" + s.relativePath(root)
            + "#L" + s.line()))).toList()));
    return new Branch(REPO, "main", URI.create(PAGE), rendering.events(), rendering.monitors(), sites);
  }

  /** A stored command's payload, as GitHub sends an {@code issue_comment}. */
  public static String commentPayload(int pullRequest, String login, String text) {
    return "{\"action\":\"created\",\"issue\":{\"number\":" + pullRequest + ",\"html_url\":\"" + PAGE + "/pull/" + pullRequest
        + "\",\"pull_request\":{}},\"comment\":{\"body\":\"" + text + "\",\"user\":{\"login\":\"" + login + "\"}},"
        + "\"repository\":{\"full_name\":\"" + REPO + "\"},\"sender\":{\"login\":\"" + login + "\"}}";
  }

  /** The history: #42 registered by octocat, a plan on #43 that failed, a command still queued. */
  public static List<PastCommand> history() {
    long registered = Instant.parse("2026-12-01T09:30:00Z").toEpochMilli();
    long planned = Instant.parse("2026-12-02T08:15:00Z").toEpochMilli();
    return List.of(
        new PastCommand("acme/event-schemas", 44, "plan", commentPayload(44, "mona", "esm plan"), "queued", null,
            planned + 3_600_000, null),
        new PastCommand("acme/event-schemas", 43, "plan", commentPayload(43, "hubot", "esm plan"), "done", "failed",
            planned - 5_000, planned),
        new PastCommand("acme/event-schemas", 42, "register", commentPayload(42, "octocat", "esm register"), "done", "ok",
            registered - 20_000, registered));
  }

  public static CatalogAssembler assembler() {
    return new CatalogAssembler(id -> URI.create("https://app.datadoghq.com/monitors/" + id));
  }
}
