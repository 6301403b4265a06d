package dev.esm.webhook.bench;

import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import dev.esm.store.TestPostgres;
import dev.esm.webhook.CommandEngine;
import dev.esm.webhook.CommandResult;
import dev.esm.webhook.QueueBenchmarkSupport;
import dev.esm.webhook.ServiceConfiguration;
import dev.esm.webhook.ServiceSettings;
import dev.esm.webhook.WebhookMetrics;
import dev.esm.webhook.WebhookServer;
import dev.esm.webhook.WebhookSignature;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: the durable queue's figures, run with
 * {@code ./mvnw -B -q -Pbench -pl esm-server -am test -DskipTests -Dbench.webhook.skip=true -Dbench.drift.skip=true -Dbench.queue.skip=false}.
 *
 * <ol>
 *   <li>Acknowledgement p50/p99/max of 1000 signed {@code esm register} deliveries over 100
 *       repositories, each stored before its 202, sent by {@link Senders} — GitHub's side, a
 *       process of its own — with 20 concurrent senders: open loop at 50, 100 and 200
 *       deliveries a second, then closed loop (the service saturated); each once with no command
 *       running (the intake alone) and once while the commands run against the in-process GitHub
 *       stand-in; embedded (H2 on disk) and PostgreSQL (a local server started by the benchmark).
 *       {@code -Dbench.queue.only=acknowledgement} (to a {@code java} run of this class) stops
 *       there; {@code -Dbench.queue.engines=embedded} or {@code postgresql} runs one engine;
 *       {@code -Dbench.senders.cpus=1}, with this process under {@code taskset -c 0}, gives the
 *       senders a core of their own.
 *   <li>Commands per second through the queue, whose engine makes one 50 ms Datadog call each:
 *       20 registers on one repository (one at a time), then 200 over 20 repositories (4 workers),
 *       embedded and PostgreSQL.
 *   <li>Takeover time: a replica killed mid-command (lease 10 s) on PostgreSQL; time until the
 *       other replica starts the command again.
 * </ol>
 */
public final class QueueBenchmark {

  private static final String SECRET = "bench-secret";
  private static final WebhookSignature SIGNER = new WebhookSignature(SECRET);
  private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(20)).build();

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    StoreSettings embedded = StoreSettings.embedded(Files.createTempDirectory("esm-bench").resolve("esm-data"));
    StoreSettings postgres = TestPostgres.newDatabase();
    String engines = System.getProperty("bench.queue.engines", "embedded,postgresql");
    if (engines.contains("embedded")) {
      acknowledgement("embedded (H2 file)", embedded);
    }
    if (engines.contains("postgresql")) {
      acknowledgement("PostgreSQL", TestPostgres.newDatabase());
    }
    if ("acknowledgement".equals(System.getProperty("bench.queue.only"))) {
      System.exit(0);
    }
    throughput("embedded (H2 file)", StoreSettings.embedded(Files.createTempDirectory("esm-bench").resolve("esm-data")));
    throughput("PostgreSQL", postgres);
    takeover();
    System.exit(0);
  }

  /** An engine that makes one Datadog call of {@code latency} per command and counts commands. */
  static final class SleepingEngine implements CommandEngine {
    final Duration latency;
    final AtomicLong done = new AtomicLong();
    volatile CountDownLatch freeze;
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicLong startedAt = new AtomicLong();

    SleepingEngine(Duration latency) {
      this.latency = latency;
    }

    @Override
    public CommandResult plan(PullRequestSnapshot pr) {
      return register(pr);
    }

    @Override
    public CommandResult restore(PullRequestSnapshot closed, java.nio.file.Path defaultBranchRoot) {
      return register(closed);
    }

    @Override
    public CommandResult register(PullRequestSnapshot pr) {
      startedAt.compareAndSet(0, System.nanoTime());
      started.countDown();
      try {
        if (freeze != null) {
          freeze.await();
        }
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.incrementAndGet();
      return CommandResult.completed(List.of(), "");
    }
  }

  /**
   * Repositories the acknowledgement's deliveries are spread over: one repository takes at most
   * 20 queued commands (more are answered 200 "queue full"), so 300 deliveries go to 20 lanes.
   */
  static final int REPOSITORIES = 100;

  /** GitHub's concurrent senders. */
  static final int SENDERS = 20;

  private static GitHubStub github() {
    String schema = "protocol A { record A { string id; } }";
    return new GitHubStub().anyRepository("acme/event-schemas(-[0-9]+)?",
        List.<String[]>of(new String[] {"modified", "schemas/a.avdl"}), java.util.Map.of("schemas/a.avdl", schema),
        "alice", "write");
  }

  /** The delivery's payload for repository {@code n} of {@link #REPOSITORIES}. */
  private static byte[] onRepository(byte[] body, int n) {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("event-schemas", "event-schemas-" + n)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static WebhookServer server(GitHubStub github, CommandEngine engine, StoreSettings store, Duration lease) {
    WebhookMetrics metrics = new WebhookMetrics();
    return WebhookServer.create(
        new ServiceConfiguration(0, SECRET, List.of("acme/*"), List.of("schemas"), 0, 4, Duration.ofSeconds(30)),
        GitHubClients.withToken(github.url(), "bench-token", metrics.github()), engine, metrics,
        // 30 s, not 10 min: a call to the in-process stand-in that never gets its answer (seen once
        // in a few thousand under this load) stops its command instead of stalling the run.
        new dev.esm.core.config.Limits(null, null, null, null, Duration.ofSeconds(30)), dev.esm.webhook.SecretMasker.NONE,
        Database.open(store), lease).start();
  }

  /**
   * The rates of the open-loop runs (deliveries per second), then 0: the closed loop, each sender
   * sending again as soon as it is answered (the service saturated: latency there is about 20 /
   * throughput).
   */
  private static final double[] RATES = {50, 100, 200, 0};

  private static void acknowledgement(String engineName, StoreSettings store) throws Exception {
    try (GitHubStub github = github()) {
      SleepingEngine engine = new SleepingEngine(Duration.ZERO);
      WebhookServer server = server(github, engine, store, Duration.ofMinutes(2));
      try {
        sendersProcess(server, 2000, 1000, 0); // the service's warm-up (its JIT)
        server.awaitIdle(Duration.ofMinutes(5));
        github.wireMock().resetRequests(); // the stand-in's journal of requests is not the service's memory
        for (double rate : RATES) {
          // Intake alone: the workers' commands wait inside the engine, so the 1000 deliveries are
          // stored and answered while no command runs (4 are held, the rest stay queued).
          engine.freeze = new CountDownLatch(1);
          List<Long> micros = sendersProcess(server, 2000, 1000, rate);
          report(engineName, "intake alone", rate, micros);
          engine.freeze.countDown();
          engine.freeze = null;
          server.awaitIdle(Duration.ofMinutes(5));
          github.wireMock().resetRequests();
          if (!Boolean.getBoolean("bench.queue.intakeOnly")) {
            // The commands run meanwhile: about ten calls each to the in-process GitHub stand-in.
            micros = sendersProcess(server, 2000, 1000, rate);
            report(engineName, "while the commands run", rate, micros);
            server.awaitIdle(Duration.ofMinutes(5));
            github.wireMock().resetRequests();
          }
        }
      } finally {
        server.stop();
      }
    }
  }

  /** Runs {@link Senders} as a process of its own against {@code server}; the latencies it measured. */
  private static List<Long> sendersProcess(WebhookServer server, int warmup, int count, double rate) throws Exception {
    java.nio.file.Path payload = Files.createTempFile("esm-bench", ".json");
    Files.write(payload, payload("issue_comment-created-register"));
    List<String> command = new ArrayList<>(List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dhttp.maxConnections=" + SENDERS, "-cp", System.getProperty("java.class.path"), Senders.class.getName(),
        String.valueOf(server.port()), SECRET, payload.toString(), String.valueOf(REPOSITORIES),
        String.valueOf(SENDERS), String.valueOf(warmup), String.valueOf(count)));
    if (rate > 0) {
      command.add(String.valueOf(rate));
    }
    String cpus = System.getProperty("bench.senders.cpus", "");
    if (!cpus.isEmpty()) { // e.g. 1 with the service started under "taskset -c 0": each has a core of its own
      command.addAll(0, List.of("taskset", "-c", cpus));
    }
    long cpu = Senders.cpuNanos();
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Long> micros = new ArrayList<>();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        micros.add(Long.parseLong(line.strip()));
      }
    }
    int exit = process.waitFor();
    System.err.printf("service: %.2f ms of the service's process CPU per delivery (warm-up pings included)%n",
        (Senders.cpuNanos() - cpu) / 1e6 / count);
    if (exit != 0 || micros.size() != count) {
      throw new IllegalStateException("the senders stopped with " + process.exitValue() + " after " + micros.size());
    }
    Files.delete(payload);
    return micros;
  }

  private static void report(String engineName, String how, double rate, List<Long> micros) {
    Collections.sort(micros);
    System.out.printf("Acknowledgement, %s, %s, %s: %d deliveries stored before the 202: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        engineName, how, rate > 0 ? String.format("20 senders, %.0f deliveries/s (open loop)", rate)
            : "20 senders, closed loop (saturated)", micros.size(), percentile(micros, 50) / 1000.0,
        percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
  }

  private static void throughput(String engineName, StoreSettings store) throws Exception {
    try (GitHubStub github = github()) {
      SleepingEngine engine = new SleepingEngine(Duration.ofMillis(50));
      WebhookServer server = server(github, engine, store, Duration.ofMinutes(2));
      byte[] register = payload("issue_comment-created-register");
      try {
        send(server, register, 10, 10); // warm-up
        server.awaitIdle(Duration.ofMinutes(5));
        // One repository: its commands run one at a time; 20 is what one repository may queue.
        long start = System.nanoTime();
        send(server, register, 20, 20);
        server.awaitIdle(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Throughput, %s: 20 registers on one repository, 50 ms Datadog call each: %.1f s, %.1f commands/s (one repository runs one command at a time: at most 20/s)%n",
            engineName, seconds, 20 / seconds);
        // Twenty repositories: the service's 4 workers run commands of different repositories at once.
        start = System.nanoTime();
        sendSpread(server, register, 200, 20);
        server.awaitIdle(Duration.ofMinutes(5));
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Throughput, %s: 200 registers on 20 repositories, 50 ms Datadog call each, 4 workers: %.1f s, %.1f commands/s (at most 80/s)%n",
            engineName, seconds, 200 / seconds);
      } finally {
        server.stop();
      }
    }
  }

  private static void takeover() throws Exception {
    Duration lease = Duration.ofSeconds(10);
    StoreSettings store = TestPostgres.newDatabase();
    try (GitHubStub github = github()) {
      SleepingEngine dying = new SleepingEngine(Duration.ZERO);
      dying.freeze = new CountDownLatch(1);
      WebhookServer a = server(github, dying, store, lease);
      SleepingEngine taking = new SleepingEngine(Duration.ZERO);
      WebhookServer b = server(github, taking, store, lease);
      HTTP.send(delivery(a, payload("issue_comment-created-register")), HttpResponse.BodyHandlers.discarding());
      dying.started.await();
      if (taking.startedAt.get() != 0) {
        throw new IllegalStateException("b ran the command first");
      }
      long killed = System.nanoTime();
      QueueBenchmarkSupport.halt(a);
      b.awaitIdle(Duration.ofMinutes(2));
      double seconds = (taking.startedAt.get() - killed) / 1e9;
      System.out.printf("Takeover, PostgreSQL, lease %ds: the other replica restarted the command %.1f s after the kill (target: lease + 10 s)%n",
          lease.toSeconds(), seconds);
      dying.freeze.countDown();
      b.stop();
    }
  }

  /** {@link #send}, delivery {@code i} going to repository {@code i % 20}. */
  private static List<Long> sendSpread(WebhookServer server, byte[] body, int count, int parallel) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      bodies.add(onRepository(body, n));
    }
    return send(server, bodies, count, parallel);
  }

  private static List<Long> send(WebhookServer server, byte[] body, int count, int parallel) throws Exception {
    return send(server, List.of(body), count, parallel);
  }

  private static List<Long> send(WebhookServer server, List<byte[]> bodies, int count, int parallel) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] body = bodies.get(i % bodies.size());
        futures.add(clients.submit(() -> {
          long t0 = System.nanoTime();
          HttpResponse<Void> response = HTTP.send(delivery(server, body), HttpResponse.BodyHandlers.discarding());
          long took = (System.nanoTime() - t0) / 1000;
          if (response.statusCode() != 202) {
            throw new IllegalStateException("answered " + response.statusCode());
          }
          return took;
        }));
      }
      List<Long> out = new ArrayList<>();
      for (Future<Long> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      clients.shutdown();
    }
  }

  private static HttpRequest delivery(WebhookServer server, byte[] body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "issue_comment")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header(WebhookSignature.HEADER, SIGNER.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static byte[] payload(String name) throws Exception {
    try (InputStream in = QueueBenchmark.class.getResourceAsStream("/dev/esm/webhook/payloads/" + name + ".json")) {
      return in.readAllBytes();
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
