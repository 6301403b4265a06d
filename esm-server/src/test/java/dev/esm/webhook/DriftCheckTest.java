package dev.esm.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.render.MonitorDefinition;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One drift check of one repository, when the service serves several under one identity tag. */
class DriftCheckTest {

  private static final String REPO = GitHubStub.REPO;
  private static final String OTHER = "acme/other-schemas";
  private static final String CART = """
      @namespace("com.acme.events.cart")
      protocol Cart {
        @monitor({"type": "traffic_drop", "threshold": 5})
        @owner("team-cart")
        record AddToCartEvent { string user_id; }
      }
      """;

  private FakeDatadog datadog;
  private DatadogApiMonitors client;
  private IssuesStandIn issues;
  private GitHubStub gitHub;
  private WebhookMetrics metrics;

  @BeforeEach
  void setUp() {
    datadog = FakeDatadog.start();
    client = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment()).withRetries(0, Duration.ofMillis(1)));
    issues = new IssuesStandIn(GitHubStub.SELF);
    gitHub = new GitHubStub(0, issues);
    issues.baseUrl(gitHub.url());
    gitHub.wireMock().stubFor(get(urlEqualTo("/user")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"login\":\"" + GitHubStub.SELF + "\",\"id\":1,\"type\":\"User\"}")));
    gitHub.repository(REPO, "main");
    gitHub.wireMock().stubFor(any(urlPathMatching("/repos/" + REPO + "/issues.*")).willReturn(aResponse().withTransformers(IssuesStandIn.NAME)));
    gitHub.zipball(REPO, "main", Map.of("cart/cart.avdl", CART));
    metrics = new WebhookMetrics();
  }

  @AfterEach
  void tearDown() {
    gitHub.close();
    datadog.close();
  }

  private void check(String repositories) {
    EsmConfig config = new ConfigLoader().parse("github:\n  repositories: " + repositories + "\ndrift:\n  repair: true\n",
        Path.of("esm.yaml"));
    new DriftCheck(config, client, GitHubClients.withToken(gitHub.url(), "t0ken", metrics.github()), new DefaultBranchReader(null),
        metrics, null).run(new GitHubClients.Served(REPO, null));
  }

  /** A monitor ESM wrote for {@code eventTag}, whose message names its schema with {@code schemaLine}. */
  private RemoteMonitor managed(String name, String eventTag, String schemaLine) {
    String message = "**" + name + "** (severity medium, P3)\n\n- **Event:** `X`\n" + schemaLine + "\n- **Owner:** team-x";
    return client.create(new MonitorDefinition(name, "query alert", "sum(last_1h):sum:event_tracking.events.count{" + eventTag
        + "}.as_count() < 1", message, List.of("esm-prod", eventTag), 3, Map.of()));
  }

  private String schemaLink(String repository) {
    return "- **Schema:** [x/x.avdl](https://github.com/" + repository + "/blob/main/x/x.avdl#L3)";
  }

  private List<String> issueBodies() {
    return issues.issues().stream().map(i -> i.get("body").asText()).toList();
  }

  @Test
  void leavesTheMonitorsOfAnotherServedRepositoryAloneAndRepairsItsOwnOrphan() {
    RemoteMonitor theirs = managed("Traffic Drop with OtherEvent", "event:otherevent", schemaLink(OTHER));
    RemoteMonitor ours = managed("Traffic Drop with GoneEvent", "event:goneevent", schemaLink(REPO));

    check("[" + REPO + ", " + OTHER + "]");

    assertThat(datadog.monitor(theirs.id())).as("another repository's monitor").isPresent();
    assertThat(datadog.monitor(ours.id())).as("this repository's orphan, repaired away").isEmpty();
    assertThat(datadog.monitorsNamed("Traffic Drop with AddToCartEvent")).as("the missing monitor, repaired").hasSize(1);
    assertThat(issueBodies()).isNotEmpty().noneMatch(body -> body.contains("OtherEvent"));
  }

  @Test
  void judgesAMonitorLinkingNoSchemaOnlyWhenItServesOneRepository() {
    RemoteMonitor unlinked = managed("Traffic Drop with LostEvent", "event:lostevent", "- **Schema:** `x/x.avdl`");

    check("[" + REPO + ", " + OTHER + "]");
    assertThat(datadog.monitor(unlinked.id())).as("served with another repository: not judged").isPresent();

    check("[" + REPO + "]");
    assertThat(datadog.monitor(unlinked.id())).as("served alone: its orphan, repaired away").isEmpty();
  }
}
