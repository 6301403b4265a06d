package dev.esm.webhook;

import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.golden.Golden;
import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.workspace.Reconciler;
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
 * The whole service with the real engine: a signed {@code esm register} comment, GitHub stood in
 * by WireMock, Datadog by the stateful fake, both reached through the real client libraries.
 */
class RegistrationEndToEndTest {

  static final String CART_V1 = """
      @namespace("com.acme.events.cart")
      protocol CartEvents {
        /** A learner added a course to the cart. */
        @monitor({"type": "traffic_anomaly", "severity": "high"})
        @owner("team-cart")
        record AddToCartEvent { string user_id; }
      }
      """;
  static final String CART_V2 = """
      @namespace("com.acme.events.cart")
      protocol CartEvents {
        /** A learner added a course to the cart. */
        @monitor([{"type": "traffic_anomaly", "severity": "high"}, {"type": "traffic_drop", "threshold": 10}])
        @owner("team-cart")
        record AddToCartEvent { string user_id; }
      }
      """;
  /** The service's esm.yaml in these tests. */
  static final String CONFIG = """
      github:
        repositories: [acme/event-schemas]
        schema_paths: [schemas]
      teams:
        team-cart:
          slack: "@slack-cart"
          pagerduty: "@pagerduty-cart"
      """;
  static final String LEGACY = """
      protocol Legacy {
        @monitor({"type": "no_traffic"})
        @owner("team-cart")
        record LegacyEvent { string id; }
      }
      """;

  GitHubStub github;
  FakeDatadog datadog;
  DatadogApiMonitors datadogClient;
  WebhookServer server;

  @BeforeEach
  void start() {
    github = new GitHubStub();
    datadog = FakeDatadog.start();
    EsmConfig config = new ConfigLoader().parse(CONFIG, Path.of("esm.yaml"));
    WebhookMetrics metrics = new WebhookMetrics();
    datadogClient = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()),
        metrics.datadog());
    RegistrationEngine engine = new RegistrationEngine(config, datadogClient, null);
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    server = WebhookServer.create(service, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()), engine, metrics)
        .start();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
  }

  @AfterEach
  void stop() {
    server.stop();
    datadogClient.close();
    datadog.close();
    github.close();
  }

  private void register() throws Exception {
    Deliveries.deliverAndWait(server, "issue_comment", "issue_comment-created-register");
  }

  private String lastComment() {
    List<String> bodies = github.commentBodies();
    // Parallel creates take IDs in any order: the golden files show where the links go, not which ID.
    return bodies.get(bodies.size() - 1).replace(datadog.baseUrl().toString(), "https://app.datadoghq.com")
        .replaceAll("/monitors/\\d+", "/monitors/ID");
  }

  @Test
  void createsTheMonitorsOfAChangedSchemaAndAnswersWithATable() throws Exception {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", CART_V1.replace("@monitor({\"type\": \"traffic_anomaly\", \"severity\": \"high\"})\n", "")))
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART_V2));

    register();

    assertThat(datadog.monitors()).extracting(m -> m.get("name").asText())
        .containsExactlyInAnyOrder("Traffic Anomaly with AddToCartEvent", "Traffic Drop with AddToCartEvent");
    JsonNode anomaly = datadog.monitorsNamed("Traffic Anomaly with AddToCartEvent").get(0);
    assertThat(anomaly.get("message").asText())
        .contains("- **Schema:** [schemas/cart.avdl](https://github.com/acme/event-schemas/blob/main/schemas/cart.avdl)")
        .contains("- **Registered by:** https://github.com/acme/event-schemas/pull/42")
        .endsWith("Notify: @slack-cart @pagerduty-cart");
    Golden.assertMatches(getClass(), "register-created.md", lastComment());
    assertThat(github.statuses()).last().asString().startsWith("esm/register success: ");
    assertThat(github.reactions()).containsExactly("eyes", "rocket");
  }

  @Test
  void deletesTheMonitorsOfARemovedSchemaFile() throws Exception {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"added", "schemas/legacy.avdl"}, new String[] {"added", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of())
        .zipball(HEAD, Map.of("schemas/legacy.avdl", LEGACY, "schemas/cart.avdl", CART_V1));
    register();
    assertThat(datadog.monitors()).hasSize(2);

    github.reset();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"removed", "schemas/legacy.avdl"}))
        .zipball(BASE, Map.of("schemas/legacy.avdl", LEGACY, "schemas/cart.avdl", CART_V1))
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART_V1));
    register();

    assertThat(datadog.monitors()).extracting(m -> m.get("name").asText()).containsExactly("Traffic Anomaly with AddToCartEvent");
    assertThat(lastComment()).contains("No Traffic with LegacyEvent");
  }

  @Test
  void actsAsTheGitHubAppInstallationNamedByTheDelivery(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    java.security.KeyPair keys = generator.generateKeyPair();
    java.io.StringWriter pem = new java.io.StringWriter();
    try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(pem)) {
      writer.writeObject(keys.getPrivate()); // PKCS#1, "BEGIN RSA PRIVATE KEY", as GitHub hands it out
    }
    Path keyFile = java.nio.file.Files.writeString(temp.resolve("esm.private-key.pem"), pem.toString());
    long installation = WebhookServerTest.payloadJson("issue_comment-created-register").path("installation").path("id").asLong();
    var wireMock = github.wireMock();
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/app").atPriority(1)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\": 1084413, \"slug\": \"esm-monitors\"}")));
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/app/installations/" + installation).atPriority(1)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\": " + installation + ", \"app_id\": 1084413, "
            + "\"access_tokens_url\": \"" + github.url() + "/app/installations/" + installation + "/access_tokens\"}")));
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/app/installations/" + installation + "/access_tokens")
        .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"token\": \"ghs_installation\", \"expires_at\": \"2099-01-01T00:00:00Z\"}")));
    server.stop();
    WebhookMetrics metrics = new WebhookMetrics();
    GitHubClients app = GitHubClients.fromEnvironment(Map.of(ServiceSettings.ENV_GITHUB_API_URL, github.url(),
        ServiceSettings.ENV_GITHUB_APP_ID, "1084413", ServiceSettings.ENV_GITHUB_APP_PRIVATE_KEY, keyFile.toString()), metrics.github());
    EsmConfig config = new ConfigLoader().parse("github:\n  repositories: [acme/event-schemas]\n", Path.of("esm.yaml"));
    server = WebhookServer.create(new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
            List.of(), 0, 2, Duration.ofSeconds(10)), app,
        new RegistrationEngine(config, datadogClient, null), metrics).start();
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"added", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of())
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART_V1));

    register();

    assertThat(datadog.monitors()).hasSize(1);
    var repositoryCalls = wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/repos/acme/event-schemas/.*")));
    assertThat(repositoryCalls).isNotEmpty()
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token ghs_installation"));
    assertThat(github.reactions()).containsExactly("eyes", "rocket");
  }

  @Test
  void deletesTheMonitorsOfARecordRemovedFromAChangedFileAndLeavesOtherEventsAlone() throws Exception {
    String both = CART_V1.replace("record AddToCartEvent { string user_id; }",
        "record AddToCartEvent { string user_id; }\n  @monitor({\"type\": \"no_traffic\"})\n  @owner(\"team-cart\")\n"
            + "  record CheckoutStartedEvent { string cart_id; }");
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"added", "schemas/cart.avdl"}, new String[] {"added", "schemas/legacy.avdl"}))
        .zipball(BASE, Map.of())
        .zipball(HEAD, Map.of("schemas/cart.avdl", both, "schemas/legacy.avdl", LEGACY));
    register();
    assertThat(datadog.monitors()).hasSize(3);

    github.reset();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", both, "schemas/legacy.avdl", LEGACY))
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART_V1, "schemas/legacy.avdl", LEGACY));
    register();

    assertThat(datadog.monitors()).extracting(m -> m.get("name").asText())
        .containsExactlyInAnyOrder("Traffic Anomaly with AddToCartEvent", "No Traffic with LegacyEvent");
    assertThat(lastComment()).contains("| Deleted | No Traffic with CheckoutStartedEvent |");
  }

  @Test
  void answersAnInvalidSchemaWithEveryErrorAndWritesNothing() throws Exception {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", CART_V1))
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART_V2.replace("\"threshold\": 10", "\"treshold\": 10")));

    register();

    assertThat(datadog.writes()).isZero();
    Golden.assertMatches(getClass(), "register-invalid.md", lastComment());
    assertThat(github.statuses()).last().asString().startsWith("esm/register failure: ");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
  }
}
