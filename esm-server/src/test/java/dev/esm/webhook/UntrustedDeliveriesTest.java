package dev.esm.webhook;

import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.esm.core.config.Limits;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What anyone who can comment, or reach the endpoint, may send: the service answers every
 * command on the pull request whatever happens, keeps its log short and unforgeable, and stays
 * available. The real server on a port, GitHub stood in by WireMock, the engine by
 * {@link RecordingEngine}.
 */
class UntrustedDeliveriesTest {

  static final String SECRET = WebhookServerTest.SECRET;
  static final WebhookSignature SIGNER = WebhookServerTest.SIGNER;
  static final ObjectMapper JSON = new ObjectMapper();

  GitHubStub github;
  RecordingEngine engine;
  WebhookMetrics metrics;
  WebhookServer server;
  HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    github = new GitHubStub();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    engine = new RecordingEngine();
    metrics = new WebhookMetrics();
    server = server(Limits.DEFAULT, HttpLimits.DEFAULT);
  }

  private WebhookServer server(Limits limits, HttpLimits httpLimits) {
    ServiceConfiguration configuration = new ServiceConfiguration(
        0, SECRET, List.of("acme/event-schemas"), List.of("schemas"), 64 * 1024, 2, Duration.ofSeconds(5));
    return WebhookServer.create(configuration, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
        engine, metrics, limits, SecretMasker.NONE, httpLimits).start();
  }

  @AfterEach
  void stop() {
    server.stop();
    github.close();
  }

  // ---------------------------------------------------------------- helpers

  HttpResponse<String> deliver(byte[] body, String deliveryId) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .timeout(Duration.ofSeconds(5))
        .header("X-GitHub-Event", "issue_comment")
        .header("X-GitHub-Delivery", deliveryId)
        .header(WebhookSignature.HEADER, SIGNER.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> deliver(String payload) {
    return deliver(WebhookServerTest.payload(payload), UUID.randomUUID().toString());
  }

  static byte[] comment(String payload, String body) {
    ObjectNode json = (ObjectNode) WebhookServerTest.payloadJson(payload);
    ((ObjectNode) json.get("comment")).put("body", body);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> health() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.HEALTH_PATH))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
  }

  void awaitIdle() throws InterruptedException {
    assertThat(server.awaitIdle(Duration.ofSeconds(20))).as("commands finished").isTrue();
  }

  void stubPullRequest() {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", "protocol Cart {}"))
        .zipball(HEAD, Map.of("schemas/cart.avdl", "protocol Cart { }"));
  }

  /** The next command is served: a help comment gets its answer. */
  void nextCommandIsServed() throws Exception {
    int before = github.commentBodies().size();
    assertThat(deliver("issue_comment-created-help").statusCode()).isEqualTo(202);
    awaitIdle();
    assertThat(github.commentBodies()).hasSize(before + 1);
    assertThat(github.commentBodies().get(before)).startsWith("<!-- esm:help -->");
    assertThat(health().statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- every command ends

  @Test
  void aJavaErrorEndsInACommentAFailedStatusAMetricAndOneLogLine() throws Exception {
    stubPullRequest();
    engine.register = pr -> {
      throw new StackOverflowError("deep inside the loader: SECRET-FILE-CONTENT");
    };
    String id = UUID.randomUUID().toString();

    String log;
    try (LogCapture capture = new LogCapture()) {
      deliver(WebhookServerTest.payload("issue_comment-created-register"), id);
      awaitIdle();
      log = capture.text();
    }

    assertThat(github.commentBodies()).containsExactly("""
        <!-- esm:register -->
        ### ❌ `esm register` could not finish

        An unexpected error stopped it (StackOverflowError). The service log names it under delivery %s.

        Some monitors may have been changed before it stopped. Comment `esm register` again to finish \
        (it converges), or `esm plan` to see where things stand.
        """.formatted(id));
    assertThat(github.statuses()).containsExactly("esm/register pending: Registering the changed schemas…",
        "esm/register failure: ESM could not finish: an unexpected StackOverflowError");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
    assertThat(metrics.scrape()).contains("esm_commands_total{command=\"register\",outcome=\"failed\"} 1.0");
    assertThat(log.lines().filter(l -> l.contains("java.lang.StackOverflowError")))
        .containsExactly(log.lines().filter(l -> l.contains("StackOverflow")).toArray(String[]::new))
        .singleElement().asString()
        .contains("delivery " + id + ": register stopped by an unexpected java.lang.StackOverflowError");
    assertThat(log).doesNotContain("SECRET-FILE-CONTENT").doesNotContain("\tat ");
    nextCommandIsServed();
  }

  @Test
  void aCommandThatRunsOutOfTimeStopsWritingSaysSoAndTheNextCommandRuns() throws Exception {
    server.stop();
    server = server(new Limits(null, null, null, null, Duration.ofSeconds(1)), HttpLimits.DEFAULT);
    stubPullRequest();
    deliver("issue_comment-created-plan"); // warms the clients up: the slow one below must reach the engine in time
    awaitIdle();
    github.reset();
    github.acceptWrites().failEverythingElse();
    stubPullRequest();
    CountDownLatch stillRunning = new CountDownLatch(1);
    engine.plan = pr -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // deaf to interrupts, like a parser in a loop
      }
      stillRunning.countDown();
      return CommandResult.completed(List.of(), "finished too late");
    };

    deliver("issue_comment-created-plan");
    awaitIdle();
    assertThat(stillRunning.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // room for any late write of the stopped command

    assertThat(github.commentBodies()).containsExactly("""
        <!-- esm:plan -->
        ### ❌ `esm plan` could not finish

        ESM stopped this command because it ran out of time: limits.command_timeout is 1s. Nothing more was \
        written to Datadog after that.

        **Nothing was changed in Datadog.** Comment `esm plan` to try again.
        """);
    assertThat(github.statuses()).last().asString().startsWith("esm/plan failure: ESM could not finish: ESM stopped this command");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
    assertThat(metrics.scrape()).contains("esm_commands_total{command=\"plan\",outcome=\"timed_out\"} 1.0");
    engine.plan = pr -> CommandResult.completed(List.of(), "");
    nextCommandIsServed();
  }

  // ---------------------------------------------------------------- deliveries

  @Test
  void aMalformedBodyGets400AndDoesNotBlockTheRealDeliveryWithItsId() throws Exception {
    String id = UUID.randomUUID().toString();

    assertThat(deliver("null".getBytes(StandardCharsets.UTF_8), id).statusCode()).isEqualTo(400);
    assertThat(deliver("[1, 2]".getBytes(StandardCharsets.UTF_8), id).statusCode()).isEqualTo(400);
    assertThat(deliver("{\"comment\": ".getBytes(StandardCharsets.UTF_8), id).body()).isEqualTo("the payload is not a JSON object\n");
    HttpResponse<String> real = deliver(WebhookServerTest.payload("issue_comment-created-help"), id);

    assertThat(real.statusCode()).isEqualTo(202);
    awaitIdle();
    assertThat(github.commentBodies()).hasSize(1);
    assertThat(deliver(WebhookServerTest.payload("issue_comment-created-help"), id).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnsignedDeliveryIdCannotForgeALogLine() throws Exception {
    String forged = "x\toutcome=accepted delivery=00000000-0000-0000-0000-000000000000";
    String log;
    try (LogCapture capture = new LogCapture(); Socket socket = new Socket("localhost", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + ServiceSettings.WEBHOOK_PATH + " HTTP/1.1\r\nHost: localhost\r\nX-GitHub-Event: issue_comment\r\n"
          + "X-GitHub-Delivery: " + forged + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 401");
      Thread.sleep(100);
      log = capture.text();
    }

    assertThat(log).doesNotContain("\t");
    assertThat(log.lines().filter(l -> l.contains("unverified"))).singleElement().asString()
        .contains("delivery=\"x\\u0009outcome=accepted delivery=00000000-0000-0000-0000-000000000000\" event=unverified ")
        .containsPattern("outcome=unauthorized duration_ms=\\d+$"); // a loaded machine may take a millisecond or two
  }

  @Test
  void aCommentOf70000CharactersIsQuotedShortInTheHelp() throws Exception {
    byte[] body = comment("issue_comment-created-help", "esm " + "x".repeat(70_000));
    server.stop();
    ServiceConfiguration large = new ServiceConfiguration(
        0, SECRET, List.of("acme/event-schemas"), List.of("schemas"), 0, 2, Duration.ofSeconds(5));
    server = WebhookServer.create(large, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()), engine, metrics)
        .start();

    assertThat(deliver(body, UUID.randomUUID().toString()).statusCode()).isEqualTo(202);
    awaitIdle();

    String help = github.commentBodies().get(0);
    assertThat(help).startsWith("<!-- esm:help -->\n`esm " + "x".repeat(40) + "…` is not a command ESM knows.\n");
    assertThat(help.length()).isLessThan(2_000);
  }

  // ---------------------------------------------------------------- floods

  @Test
  void aFloodOfPlansOnOnePullRequestRunsTwoPlans() throws Exception {
    stubPullRequest();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstStarted = new CountDownLatch(1);
    engine.plan = pr -> {
      firstStarted.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CommandResult.completed(List.of(), "");
    };

    assertThat(deliver("issue_comment-created-plan").statusCode()).isEqualTo(202);
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    List<HttpResponse<String>> more = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      more.add(deliver("issue_comment-created-plan"));
    }
    release.countDown();
    awaitIdle();

    assertThat(more).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
    assertThat(more.get(0).body()).isEqualTo("accepted: esm plan\n");
    assertThat(more.get(1).body()).isEqualTo("accepted: esm plan (replaces the waiting one)\n");
    assertThat(engine.calls).hasSize(2);
    assertThat(metrics.scrape()).contains("esm_commands_total{command=\"plan\",outcome=\"superseded\"} 98.0");
    assertThat(github.calls().size()).isLessThanOrEqualTo(2 * 13);
  }

  @Test
  void aRepositoryWithTooManyCommandsWaitingGetsAClearAnswer() throws Exception {
    stubPullRequest();
    CountDownLatch release = new CountDownLatch(1);
    engine.register = pr -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CommandResult.completed(List.of(), "");
    };
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < DeliveryHandler.MAX_QUEUED_PER_REPOSITORY + 2; i++) {
      answers.add(deliver("issue_comment-created-register"));
      if (i == 0) {
        while (engine.calls.isEmpty() && github.statuses().isEmpty()) {
          Thread.sleep(10);
        }
      }
    }
    Thread.sleep(500);
    List<String> refusals = github.commentBodies();
    release.countDown();
    awaitIdle();

    assertThat(answers.get(answers.size() - 1).statusCode()).isEqualTo(200);
    assertThat(answers.get(answers.size() - 1).body()).isEqualTo("refused: 20 commands already wait for acme/event-schemas\n");
    assertThat(refusals).singleElement().isEqualTo("""
        <!-- esm:register -->
        ### ⏸️ `esm register` was not run

        ESM already has 20 commands waiting for acme/event-schemas, so it did not queue this one.

        **Nothing was changed in Datadog.** Comment `esm register` again to run it.
        """);
    assertThat(metrics.scrape()).contains("esm_commands_total{command=\"register\",outcome=\"queue_full\"} 1.0");
    // The running one and the 20 that waited in the store all ran; the refused one did not.
    assertThat(engine.calls).hasSize(DeliveryHandler.MAX_QUEUED_PER_REPOSITORY + 1);
  }

  // ---------------------------------------------------------------- stopping

  @Test
  void stoppingFinishesTheRunningCommandInAFewSecondsAndTheWaitingOnesRunAtTheNextStart(@TempDir Path dataDir)
      throws Exception {
    server.stop();
    ServiceConfiguration configuration = new ServiceConfiguration(
        0, SECRET, List.of("acme/event-schemas"), List.of("schemas"), 64 * 1024, 2, Duration.ofSeconds(5));
    server = WebhookServer.create(configuration, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
        engine, metrics, Limits.DEFAULT, SecretMasker.NONE, Database.open(StoreSettings.embedded(dataDir)),
        WebhookServer.DEFAULT_LEASE).start();
    stubPullRequest();
    engine.workMillis = 1_000;
    for (int i = 0; i < 3; i++) {
      assertThat(deliver("issue_comment-created-register").statusCode()).isEqualTo(202);
    }
    while (engine.calls.isEmpty() && github.statuses().isEmpty()) {
      Thread.sleep(10);
    }

    long start = System.nanoTime();
    server.stop();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(engine.calls).hasSize(1);
    // The waiting ones are kept, not refused: nothing is said about them on the pull request.
    assertThat(github.commentBodies()).singleElement().asString().startsWith("<!-- esm:register -->\n### ✅ `esm register`");

    engine.workMillis = 0;
    server = WebhookServer.create(configuration, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
        engine, metrics, Limits.DEFAULT, SecretMasker.NONE, Database.open(StoreSettings.embedded(dataDir)),
        WebhookServer.DEFAULT_LEASE).start();
    awaitIdle();
    assertThat(engine.calls).hasSize(3);
    assertThat(github.commentBodies()).hasSize(3)
        .allSatisfy(c -> assertThat(c).startsWith("<!-- esm:register -->\n### ✅ `esm register`"));
  }

  @Test
  void aCommandStillRunningWhenTheGraceIsOverIsStoppedAndSaysSo() throws Exception {
    server.stop();
    ServiceConfiguration shortGrace = new ServiceConfiguration(
        0, SECRET, List.of("acme/event-schemas"), List.of("schemas"), 0, 2, Duration.ofMillis(300));
    server = WebhookServer.create(shortGrace, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()), engine,
        metrics).start();
    stubPullRequest();
    engine.workMillis = 10_000;
    deliver("issue_comment-created-register");
    while (engine.calls.isEmpty() && github.statuses().isEmpty()) {
      Thread.sleep(10);
    }

    long start = System.nanoTime();
    server.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(github.commentBodies()).singleElement().asString().contains(
        "ESM stopped this command because the service is shutting down (a restart or a deploy). Nothing more was "
            + "written to Datadog after that.");
    assertThat(github.statuses()).last().asString().startsWith("esm/register failure: ");
  }

  // ---------------------------------------------------------------- slow clients

  @Test
  void slowClientsCannotHoldTheServer() throws Exception {
    server.stop();
    server = server(Limits.DEFAULT, new HttpLimits(Duration.ofSeconds(15), Duration.ofSeconds(3), 1000));
    int slow = 300;
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < slow; i++) {
        Socket socket = new Socket("localhost", server.port());
        socket.getOutputStream().write(("POST " + ServiceSettings.WEBHOOK_PATH + " HTTP/1.1\r\nHost: localhost\r\n"
            + "X-GitHub-Event: issue_comment\r\nContent-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        sockets.add(socket);
      }
      Thread dripping = new Thread(() -> {
        try {
          for (int round = 0; round < 20 && !Thread.currentThread().isInterrupted(); round++) {
            for (Socket socket : sockets) {
              socket.getOutputStream().write(' ');
            }
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException e) {
          // closed by the server, or the test is done
        }
      });
      dripping.start();
      Thread.sleep(300);

      long start = System.nanoTime();
      assertThat(health().statusCode()).isEqualTo(200);
      assertThat(deliver("issue_comment-created-help").statusCode()).isEqualTo(202);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      awaitIdle();
      assertThat(github.commentBodies()).hasSize(1);

      // The slow ones are answered 408 once their time is up, and their connections closed.
      dripping.join();
      InputStream in = sockets.get(0).getInputStream();
      sockets.get(0).setSoTimeout(10_000);
      String answer = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      assertThat(answer).isEqualTo("HTTP/1.1 408");
      assertThat(metrics.scrape()).contains("esm_webhook_deliveries_total{event=\"unverified\",outcome=\"too_slow\"}");
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
