package dev.esm.webhook;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.golden.Golden;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Schema compatibility" section and Datadog's own check, in the comments of the real
 * service: GitHub stood in by WireMock, Datadog by the stateful fake.
 */
class SchemaCompatibilityEndToEndTest {

  static final String CART_V1 = """
      @namespace("com.acme.events.cart")
      protocol CartEvents {
        /** A learner added a course to the cart. */
        @monitor({"type": "traffic_drop", "threshold": 10})
        @owner("team-cart")
        record AddToCartEvent {
          string user_id;
          int quantity;
        }
      }
      """;
  /** Adds a field without a default and changes a type: two incompatible changes, backward. */
  static final String CART_V2 = CART_V1.replace("    int quantity;\n", "    string quantity;\n    string course_id;\n");

  GitHubStub github;
  FakeDatadog datadog;
  DatadogApiMonitors datadogClient;
  WebhookServer server;

  @BeforeEach
  void startStubs() {
    github = new GitHubStub();
    datadog = FakeDatadog.start();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", CART_V1))
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART_V2));
  }

  private void startService(String compatibility) {
    EsmConfig config = new ConfigLoader().parse("""
        github:
          repositories: [acme/event-schemas]
          schema_paths: [schemas]
        """ + compatibility, Path.of("esm.yaml"));
    WebhookMetrics metrics = new WebhookMetrics();
    datadogClient = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()),
        metrics.datadog());
    RegistrationEngine engine = new RegistrationEngine(config, datadogClient, null);
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    server = WebhookServer.create(service, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()), engine, metrics)
        .start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
      datadogClient.close();
    }
    datadog.close();
    github.close();
  }

  private void comment(String payload) throws Exception {
    Deliveries.deliverAndWait(server, "issue_comment", payload);
  }

  private String lastComment() {
    List<String> bodies = github.commentBodies();
    return bodies.get(bodies.size() - 1).replace(datadog.baseUrl().toString(), "https://app.datadoghq.com")
        .replaceAll("/monitors/\\d+", "/monitors/ID");
  }

  @Test
  void aPlanWarnsOfEachIncompatibleChangeAtItsLine() throws Exception {
    startService("");

    comment("issue_comment-created-plan");

    Golden.assertMatches(getClass(), "plan-incompatible-warning.md", lastComment());
    assertThat(github.statuses()).last().asString().startsWith("esm/plan success: ");
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void anEnforcedIncompatibleChangeBlocksRegisterAndNothingIsWritten() throws Exception {
    startService("""
        compatibility:
          mode: full
          enforce: true
        """);

    comment("issue_comment-created-register");

    Golden.assertMatches(getClass(), "register-blocked.md", lastComment());
    assertThat(github.statuses()).last().asString()
        .isEqualTo("esm/register failure: 2 incompatible schema changes; nothing was changed in Datadog");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
    assertThat(datadog.totalCalls()).isZero();
  }

  @Test
  void aWarnedIncompatibleChangeIsRegisteredWithTheSectionInTheComment() throws Exception {
    startService("");

    comment("issue_comment-created-register");

    assertThat(datadog.monitors()).hasSize(1);
    assertThat(lastComment()).contains("#### ⚠️ Schema compatibility: 2 incompatible changes (backward)");
    assertThat(github.statuses()).last().asString().startsWith("esm/register success: ");
  }

  @Test
  void aMonitorDatadogRejectsIsShownAtItsLineAndNothingIsWritten() throws Exception {
    startService("");
    datadog.rejectValidationOf("Traffic Drop with AddToCartEvent", "Metric 'event_tracking.events.count' is not allowed here");

    comment("issue_comment-created-register");

    Golden.assertMatches(getClass(), "register-rejected.md", lastComment());
    assertThat(datadog.calls(FakeDatadog.VALIDATE)).isEqualTo(1);
    assertThat(datadog.writes()).isZero();
    assertThat(github.statuses()).last().asString().startsWith("esm/register failure: 1 error in the schemas");
  }
}
