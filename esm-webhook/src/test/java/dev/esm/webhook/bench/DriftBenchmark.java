package dev.esm.webhook.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.webhook.DriftCheck;
import dev.esm.webhook.IssuesStandIn;
import dev.esm.webhook.WebhookMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * API calls (and time) of one drift check of a repository with 1,000 monitors: 250 schema files,
 * one record each with the four built-in kinds, registered first; GitHub stood in by WireMock
 * (with the stateful issues stand-in), Datadog by {@link FakeDatadog}, both through the real
 * clients. See docs/benchmarks.md.
 */
public final class DriftBenchmark {

  private static final String REPO = GitHubStub.REPO;
  private static final int FILES = 250;

  private DriftBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path schemas = Files.createTempDirectory("esm-drift-bench-");
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < FILES; i++) {
      String path = String.format("events/event%03d.avdl", i);
      String text = "protocol Events" + i + " {\n  @monitor([{\"type\": \"traffic_anomaly\"}, {\"type\": \"traffic_drop\", \"threshold\": 10},"
          + " {\"type\": \"no_traffic\"}, {\"type\": \"serialization_errors\"}])\n  @owner(\"team-" + (i % 7) + "\")\n"
          + "  record Event" + i + " { string id; }\n}\n";
      files.put(path, text);
      Files.createDirectories(schemas.resolve(path).getParent());
      Files.writeString(schemas.resolve(path), text);
    }
    EsmConfig config = new ConfigLoader().parse("github:\n  repositories: [" + REPO + "]\n", Path.of("esm.yaml"));
    IssuesStandIn issues = new IssuesStandIn(GitHubStub.SELF);
    try (FakeDatadog datadog = FakeDatadog.start(); GitHubStub gitHub = new GitHubStub(0, issues);
        DatadogApiMonitors client = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment()))) {
      issues.baseUrl(gitHub.url());
      stub(gitHub, files);
      Rendering rendering = new Workspace(config).render(SchemaSource.discover(List.of(schemas)),
          new RenderContext("https://github.com/" + REPO, "main", null));
      Reconciler reconciler = new Reconciler(config, client);
      reconciler.apply(reconciler.plan(rendering, rendering.eventTags(), null));
      System.out.printf("%d monitors registered from %d schema files%n", datadog.monitors().size(), FILES);

      WebhookMetrics metrics = new WebhookMetrics();
      DriftCheck check = new DriftCheck(config, client, GitHubClients.withToken(gitHub.url(), "t0ken", metrics.github()),
          new DefaultBranchReader(null), metrics, null);
      GitHubClients.Served served = new GitHubClients.Served(REPO, null);

      measure("first check after start, no drift", check, served, gitHub, datadog);
      measure("no drift", check, served, gitHub, datadog);
      long edited = datadog.monitors().get(0).get("id").asLong();
      datadog.remove(edited);
      measure("a monitor deleted in Datadog: the issue is opened", check, served, gitHub, datadog);
      measure("same drift again: nothing changed", check, served, gitHub, datadog);

      List<Long> times = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        long start = System.nanoTime();
        check.run(served);
        times.add(System.nanoTime() - start);
      }
      times.sort(null);
      System.out.printf("time per check (same drift, no latency), median of 7: %.0f ms (min %.0f, max %.0f)%n",
          times.get(3) / 1e6, times.get(0) / 1e6, times.get(6) / 1e6);
      System.out.printf("issues opened: %d%n", issues.issues().size());
    }
  }

  private static void measure(String what, DriftCheck check, GitHubClients.Served served, GitHubStub gitHub, FakeDatadog datadog) {
    gitHub.wireMock().resetRequests();
    datadog.resetCalls();
    check.run(served);
    Map<String, Integer> github = new TreeMap<>();
    gitHub.requests().forEach(r -> github.merge(r.getMethod() + " " + r.getUrl().replaceAll("\\?.*", "")
        .replaceAll("/_codeload/.*", "/_codeload/… (redirect target)"), 1, Integer::sum));
    System.out.printf("%s: GitHub %d %s, Datadog %d %s%n", what, github.values().stream().mapToInt(i -> i).sum(), github,
        datadog.totalCalls(), datadog.calls());
  }

  private static void stub(GitHubStub gitHub, Map<String, String> files) {
    WireMockServer wireMock = gitHub.wireMock();
    wireMock.stubFor(get(urlEqualTo("/user")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"login\":\"" + GitHubStub.SELF + "\",\"id\":1,\"type\":\"User\"}")));
    wireMock.stubFor(get(urlPathEqualTo("/repos/" + REPO)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":1,\"name\":\"event-schemas\",\"full_name\":\"" + REPO + "\",\"default_branch\":\"main\","
            + "\"owner\":{\"login\":\"acme\",\"id\":2,\"type\":\"Organization\"},"
            + "\"html_url\":\"https://github.com/" + REPO + "\",\"url\":\"" + gitHub.url() + "/repos/" + REPO + "\"}")));
    wireMock.stubFor(any(urlPathMatching("/repos/" + REPO + "/issues.*")).willReturn(aResponse().withTransformers(IssuesStandIn.NAME)));
    gitHub.zipball(REPO, "main", files);
  }
}
