package dev.esm.webhook;

import dev.esm.core.golden.Golden;
import dev.esm.core.calls.CallCounter;
import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.github.ChangedFile;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.core.plan.Action;
import dev.esm.webhook.CommandResult.Row;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real service on a port, GitHub stood in by WireMock, the engine by {@link RecordingEngine}. */
class WebhookServerTest {

  static final String SECRET = "It's a Secret to Everybody";
  static final WebhookSignature SIGNER = new WebhookSignature(SECRET);

  static GitHubStub github;
  static RecordingEngine engine;
  static WebhookMetrics metrics;
  static WebhookServer server;
  static HttpClient http;

  @BeforeAll
  static void start() {
    github = new GitHubStub();
    engine = new RecordingEngine();
    metrics = new WebhookMetrics();
    ServiceConfiguration configuration = new ServiceConfiguration(
        0, SECRET, List.of("acme/event-schemas", "initech/*"), List.of("schemas"), 64 * 1024, 2, Duration.ofSeconds(10));
    server = WebhookServer.create(configuration, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
        engine, metrics).start();
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    server.stop();
    github.close();
  }

  @BeforeEach
  void reset() {
    github.reset();
    engine.reset();
    github.acceptWrites().failEverythingElse();
  }

  // ---------------------------------------------------------------- helpers

  static byte[] payload(String name) {
    try (InputStream in = WebhookServerTest.class.getResourceAsStream("payloads/" + name + ".json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static com.fasterxml.jackson.databind.JsonNode payloadJson(String name) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload(name));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static HttpResponse<String> deliver(String event, byte[] body, String deliveryId, String signature) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/044aadd")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", deliveryId)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static HttpResponse<String> deliver(String event, String payloadName) {
    byte[] body = payload(payloadName);
    return deliver(event, body, UUID.randomUUID().toString(), SIGNER.sign(body));
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void awaitIdle() throws InterruptedException {
    assertThat(server.awaitIdle(Duration.ofSeconds(20))).as("commands finished").isTrue();
  }

  static void stubPullRequest() {
    github.pullRequest()
        .files(List.of(
            new String[] {"modified", "schemas/cart.avdl"},
            new String[] {"removed", "schemas/legacy.avdl"},
            new String[] {"modified", "README.md"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", "protocol Cart {}", "schemas/legacy.avdl", "protocol Legacy {}"))
        .zipball(HEAD, Map.of("schemas/cart.avdl", "protocol Cart { /* monitored */ }"));
  }

  static final List<Row> REGISTERED = List.of(
      Row.of(Action.CREATE, "Traffic Anomaly with AddToCartEvent", "AddToCartEvent",
          URI.create("https://app.datadoghq.com/monitors/1001")),
      Row.of(Action.UNCHANGED, "Serialization Errors with AddToCartEvent", "AddToCartEvent",
          URI.create("https://app.datadoghq.com/monitors/1002")),
      Row.of(Action.DELETE, "No Traffic with LegacyEvent", "LegacyEvent", URI.create("https://app.datadoghq.com/monitors/977")));

  // ---------------------------------------------------------------- commands

  @Test
  void registersThePullRequestAndAnswersWithCommentStatusAndReactions() throws Exception {
    stubPullRequest();
    github.permission("alice", "write");
    engine.register = pr -> CommandResult.completed(REGISTERED, "");

    HttpResponse<String> response = deliver("issue_comment", "issue_comment-created-register");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("accepted: esm register\n");
    awaitIdle();
    assertThat(engine.calls).hasSize(1);
    RecordingEngine.Call call = engine.calls.get(0);
    assertThat(call.command()).isEqualTo("register");
    assertThat(call.snapshot().changedFiles()).containsExactly(
        new ChangedFile(ChangedFile.Status.MODIFIED, "schemas/cart.avdl", null),
        new ChangedFile(ChangedFile.Status.REMOVED, "schemas/legacy.avdl", null));
    assertThat(call.filesSeen()).containsExactly(
        "schemas/cart.avdl base=true head=true", "schemas/legacy.avdl base=true head=false");
    assertThat(call.snapshot().commenter()).isEqualTo("alice");
    assertThat(Files.exists(call.snapshot().headRoot())).as("temporary files deleted").isFalse();

    assertThat(github.commentBodies()).hasSize(1);
    Golden.assertMatches(getClass(), "register.md", github.commentBodies().get(0));
    assertThat(github.reactions()).containsExactly("eyes", "rocket");
    assertThat(github.statuses()).containsExactly(
        "esm/register pending: Registering the changed schemas…",
        "esm/register success: 1 created, 1 deleted, 1 unchanged");
    List<String> calls = github.calls();
    assertThat(calls).hasSize(12);
    assertThat(calls.subList(0, 3)).containsExactly(
        "POST /repos/acme/event-schemas/issues/comments/2710934810/reactions",
        "GET /repos/acme/event-schemas/collaborators/alice/permission",
        "GET /repos/acme/event-schemas/pulls/42");
    assertThat(calls.subList(3, 8)).containsExactlyInAnyOrder(
        "GET /repos/acme/event-schemas/pulls/42/files?per_page=100",
        "GET /repos/acme/event-schemas/zipball/" + BASE,
        "GET /_codeload/acme/event-schemas/legacy.zip/" + BASE,
        "GET /repos/acme/event-schemas/zipball/" + HEAD,
        "GET /_codeload/acme/event-schemas/legacy.zip/" + HEAD);
    assertThat(calls.subList(8, 12)).containsExactly(
        "POST /repos/acme/event-schemas/statuses/" + HEAD,
        "POST /repos/acme/event-schemas/issues/42/comments",
        "POST /repos/acme/event-schemas/statuses/" + HEAD,
        "POST /repos/acme/event-schemas/issues/comments/2710934810/reactions");
    assertThat(GitHubStub.body(github.requests().get(10)).get("target_url").asText())
        .isEqualTo("https://github.com/acme/event-schemas/pull/42#issuecomment-9000");
  }

  @Test
  void reportsInvalidSchemasWithFileAndLineAndChangesNothing() throws Exception {
    stubPullRequest();
    github.permission("alice", "admin");
    engine.register = pr -> CommandResult.invalid(List.of(
        Diagnostic.error(pr.headRoot().resolve("schemas/cart.avdl"), 12, 3,
            "unknown parameter \"windw\" for monitor type traffic_anomaly; did you mean \"window\"?"),
        Diagnostic.error(pr.baseRoot().resolve("schemas/legacy.avdl"), 4, 0, "record LegacyEvent is declared twice")));

    deliver("issue_comment", "issue_comment-created-register");
    awaitIdle();

    Golden.assertMatches(getClass(), "register-invalid.md", github.commentBodies().get(0));
    assertThat(github.statuses()).last().isEqualTo("esm/register failure: 2 errors in the schemas; nothing was changed in Datadog");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
  }

  @Test
  void planEditsItsOwnEarlierPlanCommentInsteadOfAddingOne() throws Exception {
    stubPullRequest();
    github.existingComments(GitHubStub.REPO, GitHubStub.PR, List.of(
        GitHubStub.comment(7001, "alice", "<!-- esm:plan -->\nnot ESM's own comment"),
        GitHubStub.comment(8001, GitHubStub.SELF, "<!-- esm:plan -->\nan older plan"),
        GitHubStub.comment(8002, GitHubStub.SELF, "<!-- esm:plan part 2 -->\nthe older plan's second part"),
        GitHubStub.comment(8003, GitHubStub.SELF, "<!-- esm:register -->\na registration")));
    engine.plan = pr -> CommandResult.completed(List.of(
        Row.of(Action.CREATE, "Traffic Anomaly with AddToCartEvent", "AddToCartEvent", null),
        new Row(Action.UPDATE, "Traffic Drop with AddToCartEvent", "AddToCartEvent",
            URI.create("https://app.datadoghq.com/monitors/1003"), "query, options.thresholds.critical")), "");

    HttpResponse<String> response = deliver("issue_comment", "issue_comment-created-plan");

    assertThat(response.statusCode()).isEqualTo(202);
    awaitIdle();
    assertThat(github.calls()).filteredOn(c -> c.contains("/issues/") && !c.contains("reactions")).containsExactly(
        "GET /repos/acme/event-schemas/issues/42/comments?per_page=100",
        "PATCH /repos/acme/event-schemas/issues/comments/8001",
        "DELETE /repos/acme/event-schemas/issues/comments/8002");
    assertThat(github.calls()).doesNotContain("GET /repos/acme/event-schemas/collaborators/alice/permission");
    Golden.assertMatches(getClass(), "plan.md", github.commentBodies().get(0));
    assertThat(github.statuses()).containsExactly(
        "esm/plan pending: Planning the changed schemas…",
        "esm/plan success: 1 to create, 1 to update");
    assertThat(github.reactions()).containsExactly("eyes", "rocket");
  }

  @Test
  void planPostsANewCommentWhenThereIsNoEarlierOne() throws Exception {
    stubPullRequest();

    deliver("issue_comment", "issue_comment-created-plan");
    awaitIdle();

    assertThat(github.calls()).contains("POST /repos/acme/event-schemas/issues/42/comments");
    assertThat(github.commentBodies()).singleElement().asString()
        .startsWith("<!-- esm:plan -->\n### 📋 `esm plan`: no monitors in scope\n");
  }

  @Test
  void helpAnswersWithTheCommandsAndReadsNothing() throws Exception {
    deliver("issue_comment", "issue_comment-created-help");
    awaitIdle();

    Golden.assertMatches(getClass(), "help.md", github.commentBodies().get(0));
    assertThat(github.calls()).containsExactly(
        "POST /repos/acme/event-schemas/issues/comments/2710934810/reactions",
        "POST /repos/acme/event-schemas/issues/42/comments");
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void unknownWordGetsTheHelp() throws Exception {
    HttpResponse<String> response = deliver("issue_comment", "issue_comment-created-unknown-word");
    awaitIdle();

    assertThat(response.body()).isEqualTo("accepted: esm help\n");
    assertThat(github.commentBodies()).singleElement().asString()
        .startsWith("<!-- esm:help -->\n`esm deploy` is not a command ESM knows.\n\n**ESM** keeps");
  }

  @Test
  void registersForAMaintainerWhoseAnswerGitHubApiCannotRead() throws Exception {
    stubPullRequest();
    github.permissionAnswer("alice", "{\"permission\": \"maintain\", \"role_name\": \"maintain\"}");
    engine.register = pr -> CommandResult.completed(REGISTERED, "");

    deliver("issue_comment", "issue_comment-created-register");
    awaitIdle();

    assertThat(engine.calls).hasSize(1);
    assertThat(github.reactions()).containsExactly("eyes", "rocket");
  }

  @Test
  void refusesRegisterToACommenterWithoutWriteAccessAskingGitHubNotThePayload() throws Exception {
    // The payload says OWNER; GitHub says read. GitHub wins.
    github.permission("bob", "read");

    deliver("issue_comment", "issue_comment-created-register-by-reader");
    awaitIdle();

    assertThat(github.commentBodies()).containsExactly("""
        <!-- esm:register -->
        Sorry @bob, only people with write, maintain or admin access to acme/event-schemas can run `esm register`, \
        and ESM does not see that access for you. Ask a maintainer to comment `esm register`; meanwhile `esm plan` \
        shows what it would do.

        **Nothing was changed in Datadog.**
        """);
    assertThat(github.reactions()).containsExactly("eyes", "confused");
    assertThat(github.statuses()).isEmpty();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void gitHubFailureEndsInACommentSayingWhatHappened() throws Exception {
    github.permission("alice", "write");
    // no pull request stub: GitHub answers 500

    deliver("issue_comment", "issue_comment-created-register");
    awaitIdle();

    assertThat(github.commentBodies()).containsExactly("""
        <!-- esm:register -->
        ### ❌ `esm register` could not finish

        GitHub answered HTTP 500 while reading pull request #42 of acme/event-schemas.

        **Nothing was changed in Datadog.** Comment `esm register` to try again.
        """);
    assertThat(github.reactions()).containsExactly("eyes", "confused");
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void engineFailureEndsInACommentAndAFailedStatus() throws Exception {
    stubPullRequest();
    github.permission("alice", "write");
    engine.register = pr -> {
      throw new EsmException(EsmException.Kind.REMOTE, "Datadog answered HTTP 403 Forbidden: check DD_APP_KEY.");
    };

    deliver("issue_comment", "issue_comment-created-register");
    awaitIdle();

    assertThat(github.commentBodies()).containsExactly("""
        <!-- esm:register -->
        ### ❌ `esm register` could not finish

        Datadog answered HTTP 403 Forbidden: check DD_APP_KEY.

        Some monitors may have been changed before it stopped. Comment `esm register` again to finish \
        (it converges), or `esm plan` to see where things stand.
        """);
    assertThat(github.statuses()).last()
        .isEqualTo("esm/register failure: ESM could not finish: Datadog answered HTTP 403 Forbidden: check DD_APP_KEY.");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
  }

  @Test
  void commandsOnOneRepositoryNeverInterleave() throws Exception {
    stubPullRequest();
    github.permission("alice", "write");
    engine.workMillis = 150;

    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add(CompletableFuture.supplyAsync(() -> deliver("issue_comment", "issue_comment-created-register")));
    }
    sent.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(202));
    awaitIdle();

    List<RecordingEngine.Call> calls = new ArrayList<>(engine.calls);
    assertThat(calls).hasSize(3);
    calls.sort(java.util.Comparator.comparingLong(RecordingEngine.Call::startNanos));
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i).startNanos()).isGreaterThanOrEqualTo(calls.get(i - 1).endNanos());
    }
  }

  // ---------------------------------------------------------------- gates

  @ParameterizedTest
  @CsvSource({
      "issue_comment, issue_comment-created-other-repository, 'ignored: repository globex/event-schemas is not served'",
      "issues, issue_comment-created-on-issue, 'ignored: event issues'",
      "pull_request, pull_request-labeled-schema-change, 'ignored: action labeled'",
      "pull_request, pull_request-closed-merged-schema-change, 'ignored: merged, and register.on is comment'",
      "issue_comment, issue_comment-edited-register, 'ignored: action edited (only new comments are read)'",
      "issue_comment, issue_comment-created-on-issue, 'ignored: a comment on an issue, not a pull request'",
      "issue_comment, issue_comment-created-not-a-command, 'ignored: not an esm command'",
      "issue_comment, issue_comment-created-by-bot, 'ignored: comment by a bot'",
  })
  void ignoresDeliveriesThatAreNotCommands(String event, String payload, String answer) throws Exception {
    HttpResponse<String> response = deliver(event, payload);
    awaitIdle();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(answer + "\n");
    assertThat(github.requests()).isEmpty();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void answersPing() {
    HttpResponse<String> response = deliver("ping", "ping-none-hook");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("pong\n");
  }

  @Test
  void refusesMissingOrWrongSignaturesAndDoesNothingElse() throws Exception {
    byte[] body = payload("issue_comment-created-help");
    String id = UUID.randomUUID().toString();
    byte[] tampered = new String(body).replace("esm help", "esm plan").getBytes();

    List<HttpResponse<String>> responses = List.of(
        deliver("issue_comment", body, id, null),
        deliver("issue_comment", body, id, "sha256=" + "0".repeat(64)),
        deliver("issue_comment", tampered, id, SIGNER.sign(body)),
        deliver("issue_comment", body, id, new WebhookSignature("another secret").sign(body)),
        deliver("issue_comment", body, id, SIGNER.sign(body).replace("sha256=", "sha1=")));
    awaitIdle();

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(github.requests()).isEmpty();
    assertThat(engine.calls).isEmpty();

    // A refused delivery is not remembered: the genuine one with the same ID still counts.
    assertThat(deliver("issue_comment", body, id, SIGNER.sign(body)).statusCode()).isEqualTo(202);
    awaitIdle();
    assertThat(github.commentBodies()).hasSize(1);
  }

  @Test
  void processesAReplayedDeliveryOnlyOnce() throws Exception {
    byte[] body = payload("issue_comment-created-help");
    String id = UUID.randomUUID().toString();

    HttpResponse<String> first = deliver("issue_comment", body, id, SIGNER.sign(body));
    HttpResponse<String> again = deliver("issue_comment", body, id, SIGNER.sign(body));
    awaitIdle();

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("delivery " + id + " was already received\n");
    assertThat(github.commentBodies()).hasSize(1);
  }

  @Test
  void refusesOversizedBodiesWith413() throws Exception {
    byte[] body = ("{\"padding\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes();

    HttpResponse<String> response = deliver("issue_comment", body, UUID.randomUUID().toString(), SIGNER.sign(body));
    awaitIdle();

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(github.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- operations

  @Test
  void servesHealthAndPrometheusMetrics() throws Exception {
    deliver("issue_comment", "issue_comment-created-help");
    awaitIdle();
    metrics.datadog().call();

    HttpResponse<String> health = get(ServiceSettings.HEALTH_PATH);
    HttpResponse<String> scrape = get(ServiceSettings.METRICS_PATH);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(scrape.body())
        .contains("esm_webhook_deliveries_total{event=\"issue_comment\",outcome=\"accepted\"}")
        .contains("esm_commands_total{command=\"help\",outcome=\"help\"}")
        .contains("esm_command_duration_seconds_count{command=\"help\"}")
        .contains("esm_github_calls_total ")
        .contains("esm_github_errors_total ")
        .contains("esm_datadog_calls_total ")
        .contains("esm_datadog_errors_total ");
  }

  @Test
  void refusesToStartWithoutAWebhookSecret() {
    assertThatThrownBy(() -> ServiceConfiguration.fromEnvironment(Map.of(), List.of("acme/event-schemas"), List.of()))
        .isInstanceOf(EsmException.class)
        .hasMessage("The webhook service needs a webhook secret: set ESM_WEBHOOK_SECRET to the secret configured on the "
            + "GitHub webhook or App. It refuses to start without one.");
  }

  @Test
  void finishesRunningCommandsBeforeStopping() throws Exception {
    GitHubStub own = new GitHubStub();
    try {
      own.acceptWrites().failEverythingElse();
      RecordingEngine slow = new RecordingEngine();
      WebhookServer stopping = WebhookServer.create(
          ServiceConfiguration.of(0, SECRET, List.of("acme/event-schemas"), List.of()),
          GitHubClients.withToken(own.url(), "t", CallCounter.NONE), slow, new WebhookMetrics()).start();
      own.pullRequest().files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
          .zipball(BASE, Map.of()).zipball(HEAD, Map.of());
      slow.workMillis = 500;
      byte[] body = payload("issue_comment-created-plan");
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + stopping.port() + ServiceSettings.WEBHOOK_PATH))
          .header("X-GitHub-Event", "issue_comment").header("X-GitHub-Delivery", UUID.randomUUID().toString())
          .header(WebhookSignature.HEADER, SIGNER.sign(body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
      while (slow.calls.isEmpty() && own.requests().stream().noneMatch(r -> r.getUrl().contains("/statuses/"))) {
        Thread.sleep(10);
      }

      stopping.stop();

      assertThat(slow.calls).hasSize(1);
      assertThat(own.commentBodies()).singleElement().asString().startsWith("<!-- esm:plan -->");
      assertThat(own.reactions()).containsExactly("eyes", "rocket");
    } finally {
      own.close();
    }
  }
}
