package dev.esm.catalog.bench;

import dev.esm.catalog.CatalogFixture;
import dev.esm.catalog.CatalogService;
import dev.esm.catalog.CatalogSource;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Registration;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.store.CommandStore;
import dev.esm.store.Database;
import dev.esm.store.NewCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog page of a large repository: 2,000 events (400 schema files of five records each,
 * half of them with two monitors: 2,000 monitors registered first) and 300 commands in the
 * history. Counts the GitHub and Datadog calls of one refresh through the clients' counters, and
 * times a refresh and a view served from the cache. See docs/benchmarks.md.
 */
public final class CatalogBenchmark {

  private static final String REPO = GitHubStub.REPO;
  private static final int FILES = 400;
  private static final int RECORDS_PER_FILE = 5;
  private static final int VIEWS = 50;

  private CatalogBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path schemas = Files.createTempDirectory("esm-catalog-bench-");
    Map<String, String> files = new LinkedHashMap<>();
    for (int f = 0; f < FILES; f++) {
      StringBuilder text = new StringBuilder("@namespace(\"com.acme.bench.n" + (f % 20) + "\")\nprotocol Events" + f + " {\n");
      for (int r = 0; r < RECORDS_PER_FILE; r++) {
        int n = f * RECORDS_PER_FILE + r;
        text.append("  /** Event number ").append(n).append(", sent when something happens. */\n");
        if (n % 2 == 0) {
          text.append("  @monitor([{\"type\": \"traffic_anomaly\"}, {\"type\": \"no_traffic\", \"severity\": \"critical\"}])\n");
        }
        text.append("  @owner(\"team-").append(n % 12).append("\")\n  record Event").append(n).append(" { string id; }\n");
      }
      text.append("}\n");
      String path = String.format("events/events%03d.avdl", f);
      files.put(path, text.toString());
      Files.createDirectories(schemas.resolve(path).getParent());
      Files.writeString(schemas.resolve(path), text.toString());
    }
    EsmConfig config = new ConfigLoader().parse("github:\n  repositories: [" + REPO + "]\nui: true\n", Path.of("esm.yaml"));
    CatalogFixture.Calls gitHubCalls = new CatalogFixture.Calls();
    CatalogFixture.Calls datadogCalls = new CatalogFixture.Calls();
    try (FakeDatadog datadog = FakeDatadog.start(); GitHubStub gitHub = new GitHubStub();
        DatadogApiMonitors client = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment()), datadogCalls)) {
      gitHub.repository(REPO, "main").zipball(REPO, "main", files);
      Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(schemas)),
          new RenderContext("https://github.com/" + REPO, "main", "https://github.com/" + REPO + "/pull/7"));
      Reconciler reconciler = new Reconciler(config, client);
      reconciler.apply(reconciler.plan(rendering, rendering.eventTags(), null, Registration.BY_PULL_REQUEST));
      Database database = Database.inMemory();
      CommandStore store = new CommandStore(database, Clock.systemUTC());
      for (int i = 0; i < 300; i++) {
        store.accept(new NewCommand("d" + i, REPO, i, i % 3 == 0 ? "register" : "plan", "{\"comment\":{\"user\":{\"login\":\"dev"
            + (i % 9) + "\"}},\"issue\":{\"html_url\":\"https://github.com/" + REPO + "/pull/" + i + "\"}}"));
      }
      System.out.printf("%d events in %d schema files, %d monitors registered, 300 commands in the history%n",
          FILES * RECORDS_PER_FILE, FILES, datadog.monitors().size());

      CatalogSource source = new CatalogSource(config, client,
          GitHubClients.withToken(gitHub.url(), "t0ken", gitHubCalls), Clock.systemUTC());
      CatalogService catalog = new CatalogService(source::read, since -> store.history(since, 500), client::monitorUrl,
          s -> s, Clock.systemUTC(), CatalogService.REFRESH);
      datadogCalls.reset();

      long start = System.nanoTime();
      String page = catalog.page(Map.of());
      long refresh = System.nanoTime() - start;
      int gitHubPerRefresh = gitHubCalls.get();
      int datadogPerRefresh = datadogCalls.get();
      System.out.printf("refresh (read GitHub and Datadog, assemble, render): %d ms; %d GitHub calls, %d Datadog calls;"
          + " page %,d bytes%n", refresh / 1_000_000, gitHubPerRefresh, datadogPerRefresh, page.length());

      List<Long> whole = new ArrayList<>();
      List<Long> filtered = new ArrayList<>();
      for (int i = 0; i < VIEWS; i++) {
        long t = System.nanoTime();
        catalog.page(Map.of());
        whole.add(System.nanoTime() - t);
        t = System.nanoTime();
        catalog.page(Map.of("team", List.of("team-3"), "q", List.of("event1")));
        filtered.add(System.nanoTime() - t);
      }
      System.out.printf("%d views of the whole page from the cache: median %.1f ms; %d filtered views: median %.1f ms%n",
          VIEWS, median(whole), VIEWS, median(filtered));
      System.out.printf("calls after the %d views: %d GitHub, %d Datadog (still one refresh's worth)%n", 2 * VIEWS,
          gitHubCalls.get(), datadogCalls.get());
    }
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}
