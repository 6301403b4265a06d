package dev.esm.webhook;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import dev.esm.store.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas of the service on one real PostgreSQL, GitHub and Datadog stood in. */
class ReplicasOnPostgresTest {

  static final Duration LEASE = Duration.ofSeconds(2);

  /** When each register ran its engine, on which replica: Datadog writes happen only inside. */
  record Span(String replica, long startNanos, long endNanos) {}

  /** The real engine, timed; optionally frozen on its first command (a replica that dies mid-command). */
  static final class TimedEngine implements CommandEngine {
    final String replica;
    final RegistrationEngine engine;
    final List<Span> spans;
    volatile CountDownLatch freeze;
    final CountDownLatch frozen = new CountDownLatch(1);
    /** The first register on this replica takes this much longer (a long command). */
    volatile Duration slowFirst = Duration.ZERO;
    volatile boolean ranOne;
    /** After the freeze, go on as a process that was only paused (a long GC, a stalled host) would. */
    volatile boolean resumeAfterFreeze;

    TimedEngine(String replica, RegistrationEngine engine, List<Span> spans) {
      this.replica = replica;
      this.engine = engine;
      this.spans = spans;
    }

    @Override
    public CommandResult plan(PullRequestSnapshot pullRequest) {
      return engine.plan(pullRequest);
    }

    @Override
    public CommandResult restore(PullRequestSnapshot closed, java.nio.file.Path defaultBranchRoot) {
      return engine.restore(closed, defaultBranchRoot);
    }

    @Override
    public CommandResult register(PullRequestSnapshot pullRequest) {
      if (freeze != null) {
        frozen.countDown();
        while (true) { // dead: no write, no answer, whatever happens
          try {
            freeze.await();
            break;
          } catch (InterruptedException e) {
            // a killed process does not wake up
          }
        }
        if (!resumeAfterFreeze) {
          throw new IllegalStateException("this replica was killed");
        }
      }
      long start = System.nanoTime();
      try {
        if (!ranOne) {
          ranOne = true;
          firstStarted.add(replica);
          Thread.sleep(slowFirst.toMillis());
        }
        return engine.register(pullRequest);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        spans.add(new Span(replica, start, System.nanoTime()));
      }
    }
  }

  static final java.util.concurrent.BlockingQueue<String> firstStarted = new java.util.concurrent.LinkedBlockingQueue<>();

  GitHubStub github;
  FakeDatadog datadog;
  final List<AutoCloseable> closing = new ArrayList<>();
  final List<Span> spans = java.util.Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch release = new CountDownLatch(1);
  StoreSettings database;
  EsmConfig config;

  @BeforeEach
  void start() {
    github = new GitHubStub();
    datadog = FakeDatadog.start();
    config = new ConfigLoader().parse("""
        github:
          repositories: [acme/event-schemas]
          schema_paths: [schemas]
        teams:
          team-cart:
            slack: "@slack-cart"
        """, Path.of("esm.yaml"));
    database = TestPostgres.newDatabase();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", "protocol CartEvents { record Other { string id; } }"))
        .zipball(HEAD, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2));
  }

  record Replica(WebhookServer server, TimedEngine engine, WebhookMetrics metrics) {}

  Replica replica(String name) {
    WebhookMetrics metrics = new WebhookMetrics();
    DatadogApiMonitors client = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(),
        config.datadog()), metrics.datadog());
    closing.add(client);
    TimedEngine engine = new TimedEngine(name, new RegistrationEngine(config, client, null), spans);
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    WebhookServer server = WebhookServer.create(service, GitHubClients.withToken(github.url(), "ghp_test",
        metrics.github()), engine, metrics, config, SecretMasker.NONE, Database.open(database), LEASE).start();
    closing.add(0, server);
    return new Replica(server, engine, metrics);
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (AutoCloseable c : closing) {
      c.close();
    }
    datadog.close();
    github.close();
  }

  static int send(WebhookServer server, String deliveryId) throws Exception {
    return send(server, "issue_comment", "issue_comment-created-register", deliveryId);
  }

  static int send(WebhookServer server, String event, String payloadName, String deliveryId) throws Exception {
    byte[] body = WebhookServerTest.payload(payloadName);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", deliveryId)
        .header(WebhookSignature.HEADER, WebhookServerTest.SIGNER.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void aDeliverySentToBothReplicasIsProcessedOnce() throws Exception {
    Replica a = replica("a");
    Replica b = replica("b");
    String delivery = UUID.randomUUID().toString();

    assertThat(send(a.server(), delivery)).isEqualTo(202);
    assertThat(send(b.server(), delivery)).isEqualTo(200);
    assertThat(a.server().awaitIdle(Duration.ofSeconds(30))).isTrue();

    assertThat(spans).hasSize(1);
    assertThat(datadog.monitors()).hasSize(2);
    // Its one result comment names the command in a hidden last line: a rerun finds it by that.
    assertThat(github.rawCommentBodies()).singleElement().asString().endsWith("\n<!-- esm:command " + delivery + " -->");
  }

  @Test
  void commandsOnOneRepositoryNeverInterleaveAcrossReplicas() throws Exception {
    firstStarted.clear();
    Replica a = replica("a");
    Replica b = replica("b");
    a.engine().slowFirst = Duration.ofMillis(3000); // longer than the lease: only renewals keep it
    b.engine().slowFirst = Duration.ofMillis(3000);
    datadog.latency(Duration.ofMillis(50));

    for (int i = 0; i < 3; i++) {
      assertThat(send(a.server(), UUID.randomUUID().toString())).isEqualTo(202);
      assertThat(send(b.server(), UUID.randomUUID().toString())).isEqualTo(202);
    }
    // The replica running the first command stops gracefully: it finishes that one, the other runs the rest.
    String first = firstStarted.poll(30, java.util.concurrent.TimeUnit.SECONDS);
    Replica stopping = "a".equals(first) ? a : b;
    Replica staying = stopping == a ? b : a;
    Thread stopper = new Thread(stopping.server()::stop);
    stopper.start();
    assertThat(staying.server().awaitIdle(Duration.ofSeconds(60))).isTrue();
    stopper.join(30_000);

    assertThat(spans).hasSize(6);
    assertThat(spans).extracting(Span::replica).contains("a", "b");
    List<Span> ordered = spans.stream().sorted(java.util.Comparator.comparingLong(Span::startNanos)).toList();
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i).startNanos()).as("command %d starts after command %d ended", i, i - 1)
          .isGreaterThan(ordered.get(i - 1).endNanos());
    }
    assertThat(datadog.monitors()).as("no duplicate monitor").hasSize(2);
  }

  @Test
  void aMergeRegistrationOnOneReplicaAndARegisterOnTheOtherNeverInterleave() throws Exception {
    config = new ConfigLoader().parse("""
        github:
          repositories: [acme/event-schemas]
          schema_paths: [schemas]
        teams:
          team-cart:
            slack: "@slack-cart"
        register:
          on: both
        """, Path.of("esm.yaml"));
    github.zipball(PullRequestLifeEndToEndTest.MERGE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2));
    firstStarted.clear();
    Replica a = replica("a");
    Replica b = replica("b");
    a.engine().slowFirst = Duration.ofMillis(3000); // longer than the lease: only renewals keep it
    b.engine().slowFirst = Duration.ofMillis(3000);
    datadog.latency(Duration.ofMillis(50));

    for (int i = 0; i < 3; i++) {
      assertThat(send(a.server(), "pull_request", "pull_request-closed-merged-schema-change", UUID.randomUUID().toString()))
          .isEqualTo(202);
      assertThat(send(b.server(), UUID.randomUUID().toString())).isEqualTo(202);
    }
    assertThat(a.server().awaitIdle(Duration.ofSeconds(90))).isTrue();

    assertThat(spans).hasSize(6);
    List<Span> ordered = spans.stream().sorted(java.util.Comparator.comparingLong(Span::startNanos)).toList();
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i).startNanos()).as("registration %d starts after registration %d ended", i, i - 1)
          .isGreaterThan(ordered.get(i - 1).endNanos());
    }
    assertThat(datadog.monitors()).as("no duplicate monitor").hasSize(2);
    // Both kinds ran: the merge's status on the merge commit, the comment's on the head.
    assertThat(github.calls()).anyMatch(c -> c.equals("POST /repos/acme/event-schemas/statuses/"
        + PullRequestLifeEndToEndTest.MERGE));
    assertThat(github.calls()).anyMatch(c -> c.equals("POST /repos/acme/event-schemas/statuses/" + HEAD));
  }

  @Test
  void aReplicaThatLostTheLeaseOfItsCommandWritesNothingMoreToThePullRequest() throws Exception {
    CountDownLatch paused = new CountDownLatch(1);
    Replica a = replica("a");
    a.engine().freeze = paused;
    a.engine().resumeAfterFreeze = true;
    try (LogCapture log = new LogCapture()) {
      assertThat(send(a.server(), UUID.randomUUID().toString())).isEqualTo(202);
      assertThat(a.engine().frozen.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // While it is paused, another replica took the command over (its lease was seen lapsed).
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password());
          java.sql.Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("UPDATE esm_command SET lease_owner = 'replica-b' WHERE state = 'running'")).isEqualTo(1);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!log.text().contains("lost the command's lease") && System.nanoTime() < deadline) {
        Thread.sleep(20); // the renewer runs every third of the lease
      }
      assertThat(log.text()).contains("lost the command's lease");
      paused.countDown();
      while (!a.metrics().scrape().contains("outcome=\"lease_lost\"") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(a.metrics().scrape()).contains("outcome=\"lease_lost\"");
    // No result and no failure comment: the new owner gives the one answer.
    assertThat(github.commentBodies()).isEmpty();
  }

  @Test
  void aCommandOfAReplicaThatDiedIsFinishedByTheOtherAfterTheLease() throws Exception {
    Replica a = replica("a");
    a.engine().freeze = release;
    assertThat(send(a.server(), UUID.randomUUID().toString())).isEqualTo(202);
    assertThat(a.engine().frozen.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    long died = System.nanoTime();
    a.server().halt();

    Replica b = replica("b");
    assertThat(b.server().awaitIdle(Duration.ofSeconds(30))).isTrue();
    Duration takeover = Duration.ofNanos(spans.get(0).startNanos() - died);

    assertThat(spans).extracting(Span::replica).containsExactly("b");
    assertThat(takeover).as("taken over within the lease + 30 s").isLessThan(LEASE.plusSeconds(30));
    assertThat(datadog.monitors()).hasSize(2);
    assertThat(github.commentBodies()).hasSize(1);
    assertThat(b.metrics().scrape()).contains("esm_queue_lease_takeovers_total 1.0");
  }
}
