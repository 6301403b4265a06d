package dev.esm.webhook;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.golden.Golden;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.store.CommandStore;
import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoplan and register on merge: replayed {@code pull_request} deliveries against the real service and engine, GitHub
 * stood in by WireMock (as a token or as a GitHub App), Datadog by the stateful fake.
 */
class PullRequestLifeEndToEndTest {

  static final String INVALID = RegistrationEndToEndTest.CART_V1.replace("\"severity\": \"high\"", "\"severity\": \"urgent\"");

  GitHubStub github = new GitHubStub();
  FakeDatadog datadog = FakeDatadog.start();
  DatadogApiMonitors datadogClient;
  EsmConfig config;
  WebhookMetrics metrics;
  WebhookServer server;

  @BeforeEach
  void files() {
    github.failEverythingElse();
  }

  private void start(boolean asApp) throws Exception {
    start(asApp, "");
  }

  private void start(boolean asApp, String moreYaml) throws Exception {
    config = new ConfigLoader().parse(RegistrationEndToEndTest.CONFIG + moreYaml, Path.of("esm.yaml"));
    metrics = new WebhookMetrics();
    datadogClient = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()),
        metrics.datadog());
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    GitHubClients clients;
    if (asApp) {
      github.app(58211903L, "ghs_installation_token").acceptCheckRuns();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(generator.generateKeyPair().getPrivate());
      }
      Path key = java.nio.file.Files.createTempFile("esm-test-key", ".pem");
      java.nio.file.Files.writeString(key, pem.toString());
      clients = GitHubClients.fromEnvironment(Map.of(
          ServiceSettings.ENV_GITHUB_API_URL, github.url(),
          ServiceSettings.ENV_GITHUB_APP_ID, "1084413",
          ServiceSettings.ENV_GITHUB_APP_PRIVATE_KEY, key.toString()), metrics.github());
    } else {
      clients = GitHubClients.withToken(github.url(), "ghp_test", metrics.github());
    }
    server = WebhookServer.create(service, clients, new RegistrationEngine(config, datadogClient, null), metrics, config).start();
    github.acceptWrites();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (datadogClient != null) {
      datadogClient.close();
    }
    datadog.close();
    github.close();
  }

  private void schemas(String head) {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}, new String[] {"modified", "README.md"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V1))
        .zipball(HEAD, Map.of("schemas/cart.avdl", head));
  }

  private List<String> writesToGitHub() {
    return github.calls().stream().filter(c -> !c.startsWith("GET ")).toList();
  }

  @Test
  void withATokenSetsTheStatusAndPostsThePlanCommentAndWritesNothingToDatadog() throws Exception {
    start(false);
    schemas(RegistrationEndToEndTest.CART_V2);

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-opened-schema-change");

    assertThat(github.statuses()).containsExactly(
        "esm/plan pending: Planning the changed schemas…",
        "esm/plan success: 2 to create");
    assertThat(github.commentBodies()).hasSize(1);
    Golden.assertMatches(getClass(), "plan-token.md", github.commentBodies().get(0));
    assertThat(github.reactions()).isEmpty();
    assertThat(datadog.writes()).isZero();
    assertThat(datadog.monitors()).isEmpty();
  }

  @Test
  void withATokenEditsTheOnePlanCommentInPlaceOnEveryPush() throws Exception {
    start(false);
    schemas(RegistrationEndToEndTest.CART_V2);
    github.existingComments(GitHubStub.REPO, GitHubStub.PR, List.of(
        GitHubStub.comment(8001, GitHubStub.SELF, "<!-- esm:plan -->\n### 📋 `esm plan`: 1 to create\n")));

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-synchronize-schema-change");

    assertThat(writesToGitHub()).containsExactly(
        "POST /repos/acme/event-schemas/statuses/" + HEAD,
        "PATCH /repos/acme/event-schemas/issues/comments/8001",
        "POST /repos/acme/event-schemas/statuses/" + HEAD);
    Golden.assertMatches(getClass(), "plan-token.md", github.commentBodies().get(0));
  }

  @Test
  void aPullRequestThatChangesNoSchemaGetsNoCommentAndNoStatus() throws Exception {
    start(false);
    github.pullRequest().files(List.<String[]>of(new String[] {"modified", "README.md"}))
        .zipball(BASE, Map.of()).zipball(HEAD, Map.of());

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-opened-schema-change");

    assertThat(writesToGitHub()).isEmpty();
  }

  @Test
  void aDeliveryForAnOlderHeadPublishesNothing() throws Exception {
    start(false);
    schemas(RegistrationEndToEndTest.CART_V2);
    github.pullRequest(pr -> ((com.fasterxml.jackson.databind.node.ObjectNode) pr.get("head")).put("sha", "4".repeat(40)));

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-synchronize-schema-change");

    assertThat(writesToGitHub()).isEmpty();
  }

  @Test
  void asAnAppReportsACheckRunWithThePlanAsItsSummary() throws Exception {
    start(true);
    schemas(RegistrationEndToEndTest.CART_V2);

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-opened-schema-change");

    List<JsonNode> runs = github.checkRunRequests();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("name").asText()).isEqualTo("esm plan");
    assertThat(runs.get(0).get("head_sha").asText()).isEqualTo(HEAD);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("in_progress");
    JsonNode done = runs.get(1);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("conclusion").asText()).isEqualTo("success");
    assertThat(done.at("/output/title").asText()).isEqualTo("2 to create");
    assertThat(done.at("/output/annotations")).isEmpty();
    Golden.assertMatches(getClass(), "plan-check-run-summary.md", done.at("/output/summary").asText());
    assertThat(github.statuses()).isEmpty();
    assertThat(github.commentBodies()).isEmpty();
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void asAnAppAnnotatesEachErrorAtItsLine() throws Exception {
    start(true);
    schemas(INVALID);

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-opened-schema-change");

    com.fasterxml.jackson.databind.node.ObjectNode done =
        (com.fasterxml.jackson.databind.node.ObjectNode) github.checkRunRequests().get(1);
    assertThat(done.get("conclusion").asText()).isEqualTo("failure");
    assertThat(done.get("completed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    done.remove("completed_at");
    Golden.assertMatches(getClass(), "invalid-check-run.json", done.toPrettyString());
  }

  @Test
  void asAnAppSendsMoreThanFiftyAnnotationsInBatches() throws Exception {
    start(true);
    String records = IntStream.rangeClosed(1, 60).mapToObj(i -> """
          @monitor({"type": "traffic_anomaly", "severity": "urgent"})
          @owner("team-cart")
          record Event%d { string id; }
        """.formatted(i)).collect(Collectors.joining());
    schemas("@namespace(\"com.acme.events.many\")\nprotocol Many {\n" + records + "}\n");

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-opened-schema-change");

    List<JsonNode> runs = github.checkRunRequests();
    assertThat(runs).hasSize(3);
    assertThat(runs.get(1).get("conclusion").asText()).isEqualTo("failure");
    assertThat(runs.get(1).at("/output/annotations")).hasSize(50);
    assertThat(runs.get(2).has("conclusion")).isFalse();
    assertThat(runs.get(2).at("/output/annotations")).hasSize(10);
    assertThat(runs.get(2).at("/output/title").asText()).isEqualTo(runs.get(1).at("/output/title").asText());
    List<Integer> lines = runs.subList(1, 3).stream()
        .flatMap(r -> java.util.stream.StreamSupport.stream(r.at("/output/annotations").spliterator(), false))
        .map(a -> a.get("start_line").asInt()).toList();
    assertThat(lines).isEqualTo(IntStream.rangeClosed(1, 60).map(i -> 3 * i).boxed().toList());
    com.fasterxml.jackson.databind.node.ArrayNode bodies = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    runs.subList(1, 3).forEach(r -> bodies.add(((com.fasterxml.jackson.databind.node.ObjectNode) r.deepCopy()).without("completed_at")));
    Golden.assertMatches(getClass(), "many-annotations-check-run.json", bodies.toPrettyString());
  }

  @Test
  void aPlanOvertakenByANewerPushIsNotPublished() throws Exception {
    github.close();
    github = new GitHubStub(150); // slow enough that the newer push arrives while the first plan runs
    github.failEverythingElse();
    start(true);
    schemas(RegistrationEndToEndTest.CART_V2);
    byte[] older = WebhookServerTest.payload("pull_request-synchronize-schema-change");
    byte[] newer = new String(older, java.nio.charset.StandardCharsets.UTF_8).replace(HEAD, "4".repeat(40))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(Deliveries.deliver(server, "pull_request", older)).isEqualTo(202);
    assertThat(Deliveries.deliver(server, "pull_request", newer)).isEqualTo(202);
    assertThat(server.awaitIdle(Duration.ofSeconds(30))).isTrue();

    List<JsonNode> runs = github.checkRunRequests();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).get("conclusion").asText()).isEqualTo("cancelled");
    assertThat(runs.get(1).at("/output/title").asText()).isEqualTo("Superseded by a newer push");
    assertThat(github.commentBodies()).isEmpty();
  }

  @Test
  void aWaitingAutoplanGivesItsPlaceToANewerPushAndOnlyTheNewestHeadIsPlanned() throws Exception {
    github.close();
    github = new GitHubStub(150); // slow enough that the newer pushes arrive while the first autoplan runs
    github.failEverythingElse();
    start(false);
    schemas(RegistrationEndToEndTest.CART_V2);
    String newest = new String(WebhookServerTest.payload("pull_request-synchronize-schema-change"),
        java.nio.charset.StandardCharsets.UTF_8);

    for (String head : List.of("4".repeat(40), "6".repeat(40))) {
      assertThat(Deliveries.deliver(server, "pull_request",
          newest.replace(HEAD, head).getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(202);
    }
    assertThat(Deliveries.deliver(server, "pull_request", newest.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(202);
    assertThat(server.awaitIdle(Duration.ofSeconds(30))).isTrue();

    // The second push waited behind the first (one at a time per repository) until the third took its place.
    assertThat(metrics.scrape()).containsPattern("esm_commands_total\\{command=\"autoplan\",outcome=\"superseded\"\\} [12]\\.0");
    assertThat(github.statuses()).containsExactly(
        "esm/plan pending: Planning the changed schemas…",
        "esm/plan success: 2 to create");
    assertThat(github.calls()).filteredOn(c -> c.startsWith("POST") && c.contains("/statuses/"))
        .allMatch(c -> c.endsWith("/statuses/" + HEAD));
  }

  // ---------------------------------------------------------------- register on merge

  static final String MERGE = "5".repeat(40);

  @Test
  void onMergeRegistersTheChangedFilesAsInTheMergeCommit() throws Exception {
    start(false, "register:\n  on: merge\n");
    github.pullRequest(pr -> pr.put("state", "closed").put("merged", true).put("merge_commit_sha", MERGE))
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V1))
        .zipball(HEAD, Map.of("schemas/cart.avdl", INVALID))
        .zipball(MERGE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2));

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-merged-schema-change");

    assertThat(datadog.monitors()).extracting(m -> m.get("name").asText())
        .containsExactlyInAnyOrder("Traffic Anomaly with AddToCartEvent", "Traffic Drop with AddToCartEvent");
    assertThat(datadog.monitorsNamed("Traffic Drop with AddToCartEvent").get(0).get("message").asText())
        .contains("- **Registered by:** https://github.com/acme/event-schemas/pull/42");
    assertThat(github.calls()).filteredOn(c -> c.startsWith("POST") && c.contains("/statuses/"))
        .containsExactly("POST /repos/acme/event-schemas/statuses/" + MERGE, "POST /repos/acme/event-schemas/statuses/" + MERGE);
    assertThat(github.statuses()).containsExactly("esm/register pending: Registering the changed schemas…",
        "esm/register success: 2 created");
    assertThat(github.commentBodies()).hasSize(1);
    Golden.assertMatches(getClass(), "register-on-merge.md", github.commentBodies().get(0)
        .replace(datadog.baseUrl().toString(), "https://app.datadoghq.com").replaceAll("/monitors/\\d+", "/monitors/ID"));
  }

  @Test
  void aMergeStoredBeforeItsAnswerIsRegisteredAfterARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
    config = new ConfigLoader().parse(RegistrationEndToEndTest.CONFIG + "register:\n  on: merge\n", Path.of("esm.yaml"));
    metrics = new WebhookMetrics();
    datadogClient = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()),
        metrics.datadog());
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    github.pullRequest(pr -> pr.put("state", "closed").put("merged", true).put("merge_commit_sha", MERGE))
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V1))
        .zipball(MERGE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2));
    github.acceptWrites();
    // The first process dies as its merge registration starts, before any Datadog write.
    ReplicasOnPostgresTest.TimedEngine dying = new ReplicasOnPostgresTest.TimedEngine("first",
        new RegistrationEngine(config, datadogClient, null), new java.util.ArrayList<>());
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    dying.freeze = never;
    Database first = Database.open(StoreSettings.embedded(dataDir));
    WebhookServer died = WebhookServer.create(service, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
        dying, metrics, config, SecretMasker.NONE, first, WebhookServer.DEFAULT_LEASE).start();
    try {
      assertThat(Deliveries.deliver(died, "pull_request", WebhookServerTest.payload("pull_request-closed-merged-schema-change")))
          .isEqualTo(202);
      assertThat(dying.frozen.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      died.halt();
      assertThat(new CommandStore(first, java.time.Clock.systemUTC()).unfinished()).as("stored, not finished").isEqualTo(1);
      first.close();
      assertThat(datadog.monitors()).isEmpty();

      server = WebhookServer.create(service, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
          new RegistrationEngine(config, datadogClient, null), metrics, config, SecretMasker.NONE,
          Database.open(StoreSettings.embedded(dataDir)), WebhookServer.DEFAULT_LEASE).start();
      assertThat(server.awaitIdle(Duration.ofSeconds(30))).isTrue();
    } finally {
      never.countDown(); // the dead process's frozen thread gives up without a write
    }

    assertThat(datadog.monitors()).extracting(m -> m.get("name").asText())
        .containsExactlyInAnyOrder("Traffic Anomaly with AddToCartEvent", "Traffic Drop with AddToCartEvent");
    // The first attempt got as far as its pending status; the rerun sets it again, then the result.
    assertThat(github.statuses()).containsExactly("esm/register pending: Registering the changed schemas…",
        "esm/register pending: Registering the changed schemas…", "esm/register success: 2 created");
    assertThat(github.commentBodies()).hasSize(1);
  }

  @Test
  void aMergeRegistersNothingWhenRegisterIsOnComment() throws Exception {
    start(false);
    schemas(RegistrationEndToEndTest.CART_V2);

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-merged-schema-change", 200);

    assertThat(github.calls()).isEmpty();
    assertThat(datadog.monitors()).isEmpty();
  }

  // ---------------------------------------------------------------- restore on close, conflicts

  static final String CHECKOUT = """
      @namespace("com.acme.events.checkout")
      protocol CheckoutEvents {
        @monitor({"type": "traffic_anomaly", "severity": "high"})
        @owner("team-cart")
        record CheckoutEvent { string user_id; }
      }
      """;
  static final String SEARCH_V1 = """
      @namespace("com.acme.events.search")
      protocol SearchEvents {
        @monitor({"type": "traffic_anomaly", "severity": "high"})
        @owner("team-cart")
        record SearchEvent { string query; }
      }
      """;
  static final String SEARCH_V2 = SEARCH_V1.replace("\"high\"", "\"low\"");
  static final String REPOSITORY = "https://github.com/acme/event-schemas";
  static final String HAND_MADE = "Hand-made AddToCartEvent alert";

  /** The default branch, as in the base of #42: cart, checkout and search, one monitor each. */
  static final Map<String, String> MAIN = Map.of(
      "schemas/cart.avdl", RegistrationEndToEndTest.CART_V1,
      "schemas/checkout.avdl", CHECKOUT,
      "schemas/search.avdl", SEARCH_V1);

  /**
   * #42 adds a monitor to cart (and so rewrites the first one's message), removes checkout and
   * changes search; the default branch is at {@link #MAIN}, Datadog holds what {@code esm apply}
   * of it wrote, plus one monitor ESM does not own.
   */
  private void aPullRequestOverMain() throws Exception {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}, new String[] {"removed", "schemas/checkout.avdl"},
            new String[] {"modified", "schemas/search.avdl"}, new String[] {"modified", "README.md"}))
        .zipball(BASE, MAIN)
        .zipball(HEAD, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2, "schemas/search.avdl", SEARCH_V2))
        .zipball("main", MAIN)
        .permission("alice", "write");
    Path main = java.nio.file.Files.createTempDirectory("esm-main");
    for (Map.Entry<String, String> file : MAIN.entrySet()) {
      java.nio.file.Files.createDirectories(main.resolve(file.getKey()).getParent());
      java.nio.file.Files.writeString(main.resolve(file.getKey()), file.getValue());
    }
    dev.esm.core.workspace.Rendering rendering = new dev.esm.core.workspace.Workspace(config).render(
        new dev.esm.core.workspace.SchemaSource(main, MAIN.keySet().stream().sorted().map(main::resolve).toList()),
        new dev.esm.core.render.RenderContext(REPOSITORY, "main", null));
    dev.esm.core.workspace.Reconciler reconciler = new dev.esm.core.workspace.Reconciler(config, datadogClient);
    reconciler.apply(reconciler.plan(rendering, rendering.eventTags(), null,
        dev.esm.core.workspace.Registration.KEEPING_LAST_PULL_REQUEST));
    datadog.seed(Map.of("name", HAND_MADE, "type", "query alert",
        "query", "sum(last_1h):sum:events.count{event:addtocartevent}.as_count() < 1",
        "message", "Made by hand.\n- **Registered by:** " + REPOSITORY + "/pull/42",
        "tags", List.of("event:addtocartevent", "team:team-cart")));
  }

  private JsonNode monitor(String name) {
    List<JsonNode> found = datadog.monitorsNamed(name);
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  /** Rewrites the registering line of a monitor, as if pull request {@code number} had registered it last. */
  private void registeredBy(String name, int number) {
    JsonNode monitor = monitor(name);
    dev.esm.core.datadog.RemoteMonitor current = datadogClient.listByTag(config.identityTag()).stream()
        .filter(m -> m.id() == monitor.get("id").asLong()).findFirst().orElseThrow();
    dev.esm.core.render.MonitorDefinition body = current.definition();
    String message = dev.esm.core.render.MessageComposer.withoutRegistration(body.message()).replace(
        "\n\nManaged by ESM", "\n- **Registered by:** " + REPOSITORY + "/pull/" + number + "\n\nManaged by ESM");
    datadogClient.update(current.id(), new dev.esm.core.render.MonitorDefinition(body.name(), body.type(), body.query(),
        message, body.tags(), body.priority(), body.options()));
  }

  private static String masked(String comment, FakeDatadog datadog) {
    return comment.replace(datadog.baseUrl().toString(), "https://app.datadoghq.com").replaceAll("/monitors/\\d+", "/monitors/ID");
  }

  @Test
  void aPullRequestClosedUnmergedGivesBackWhatItRegistered() throws Exception {
    start(false);
    aPullRequestOverMain();
    long cartAnomaly = monitor("Traffic Anomaly with AddToCartEvent").get("id").asLong();
    String cartMessageOnMain = monitor("Traffic Anomaly with AddToCartEvent").get("message").asText();
    long checkoutOnMain = monitor("Traffic Anomaly with CheckoutEvent").get("id").asLong();
    JsonNode handMade = monitor(HAND_MADE);
    Deliveries.deliverAndWait(server, "issue_comment", "issue_comment-created-register");
    assertThat(datadog.monitorsNamed("Traffic Anomaly with CheckoutEvent")).isEmpty();
    assertThat(monitor("Traffic Drop with AddToCartEvent").get("message").asText()).contains(REPOSITORY + "/pull/42");
    registeredBy("Traffic Anomaly with SearchEvent", 7); // #7 registered search since
    JsonNode search = monitor("Traffic Anomaly with SearchEvent");
    int statuses = github.statuses().size();
    github.pullRequest(pr -> pr.put("state", "closed"));

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-unmerged-schema-change");

    JsonNode cart = monitor("Traffic Anomaly with AddToCartEvent");
    assertThat(cart.get("id").asLong()).isEqualTo(cartAnomaly);
    assertThat(cart.get("message").asText()).isEqualTo(cartMessageOnMain).doesNotContain("Registered by");
    assertThat(datadog.monitorsNamed("Traffic Drop with AddToCartEvent")).isEmpty();
    JsonNode checkout = monitor("Traffic Anomaly with CheckoutEvent");
    assertThat(checkout.get("id").asLong()).isNotEqualTo(checkoutOnMain);
    assertThat(checkout.get("message").asText()).doesNotContain("Registered by");
    assertThat(monitor("Traffic Anomaly with SearchEvent")).isEqualTo(search);
    assertThat(monitor(HAND_MADE)).isEqualTo(handMade);
    assertThat(datadog.monitors()).hasSize(4);
    assertThat(github.statuses()).hasSize(statuses);
    assertThat(github.commentBodies()).hasSize(2);
    Golden.assertMatches(getClass(), "restore-on-close.md", masked(github.commentBodies().get(1), datadog));
  }

  @Test
  void aPullRequestClosedUnmergedThatChangedNothingInDatadogGetsNoComment() throws Exception {
    start(false);
    aPullRequestOverMain();
    int writes = datadog.writes();
    github.pullRequest(pr -> pr.put("state", "closed"));

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-unmerged-schema-change");

    assertThat(datadog.writes()).isEqualTo(writes);
    assertThat(writesToGitHub()).isEmpty();
  }

  @Test
  void restoreOnCloseCanBeTurnedOff() throws Exception {
    start(false, "register:\n  restore_on_close: false\n");
    aPullRequestOverMain();

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-unmerged-schema-change", 200);

    assertThat(github.calls()).isEmpty();
  }

  @Test
  void aRegisterNamesTheOpenPullRequestThatRegisteredAMonitorLast() throws Exception {
    start(false);
    aPullRequestOverMain();
    registeredBy("Traffic Anomaly with SearchEvent", 7);
    registeredBy("Traffic Anomaly with AddToCartEvent", 9);
    github.otherPullRequest(7, pr -> {}).otherPullRequest(9, pr -> pr.put("state", "closed").put("merged", true));

    Deliveries.deliverAndWait(server, "issue_comment", "issue_comment-created-register");

    assertThat(github.calls()).filteredOn(c -> c.matches("GET /repos/acme/event-schemas/pulls/[79]"))
        .containsExactly("GET /repos/acme/event-schemas/pulls/7", "GET /repos/acme/event-schemas/pulls/9");
    assertThat(monitor("Traffic Anomaly with SearchEvent").get("message").asText()).contains(REPOSITORY + "/pull/42");
    assertThat(github.statuses()).last().isEqualTo("esm/register success: 1 created, 2 updated, 1 deleted");
    Golden.assertMatches(getClass(), "register-conflict-warn.md", masked(github.commentBodies().get(0), datadog));
  }

  @Test
  void withConflictsRefuseARegisterOverAnOpenPullRequestWritesNothing() throws Exception {
    start(false, "register:\n  conflicts: refuse\n");
    aPullRequestOverMain();
    registeredBy("Traffic Anomaly with SearchEvent", 7);
    github.otherPullRequest(7, pr -> {});
    int writes = datadog.writes();

    Deliveries.deliverAndWait(server, "issue_comment", "issue_comment-created-register");

    assertThat(datadog.writes()).isEqualTo(writes);
    assertThat(monitor("Traffic Anomaly with SearchEvent").get("message").asText()).contains(REPOSITORY + "/pull/7");
    assertThat(github.statuses()).last().isEqualTo("esm/register failure: Not registered: #7 still open (register.conflicts: refuse)");
    Golden.assertMatches(getClass(), "register-conflict-refuse.md", masked(github.commentBodies().get(0), datadog));
  }

  @Test
  void asAnAppAnnotatesEachIncompatibleChangeAtItsLine() throws Exception {
    start(true);
    schemas(RegistrationEndToEndTest.CART_V1.replace("string user_id;", "string user_id; string course_id;"));

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-opened-schema-change");

    com.fasterxml.jackson.databind.node.ObjectNode done =
        (com.fasterxml.jackson.databind.node.ObjectNode) github.checkRunRequests().get(1);
    assertThat(done.get("conclusion").asText()).isEqualTo("failure");
    done.remove("completed_at");
    Golden.assertMatches(getClass(), "incompatible-check-run.json", done.toPrettyString());
  }

  @Test
  void aDefaultBranchWithInvalidSchemasRestoresNothingAndSaysWhy() throws Exception {
    start(false);
    aPullRequestOverMain();
    github.zipball("main", Map.of("schemas/cart.avdl", INVALID));
    github.pullRequest(pr -> pr.put("state", "closed"));
    int writes = datadog.writes();

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-unmerged-schema-change");

    assertThat(datadog.writes()).isEqualTo(writes);
    assertThat(github.commentBodies()).singleElement().satisfies(comment ->
        Golden.assertMatches(getClass(), "restore-invalid-default-branch.md", comment));
  }

  @Test
  void aMergeRegistrationThatRunsOutOfTimeWritesNothingMore() throws Exception {
    start(false, "register:\n  on: merge\nlimits:\n  command_timeout: 1s\n");
    github.pullRequest(pr -> pr.put("state", "closed").put("merged", true).put("merge_commit_sha", MERGE))
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V1))
        .zipball(MERGE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2));
    datadog.latency(Duration.ofMillis(2500)); // the listing outlives the command's time

    Deliveries.deliverAndWait(server, "pull_request", "pull_request-closed-merged-schema-change");
    assertThat(metrics.scrape()).contains("esm_commands_total{command=\"register_on_merge\",outcome=\"timed_out\"} 1.0");
    Thread.sleep(3000); // the listing answers meanwhile: what follows it must not be sent

    assertThat(datadog.writes()).isZero();
    assertThat(datadog.monitors()).isEmpty();
  }
}
