package dev.esm.webhook.bench;

import dev.esm.core.datadog.DatadogSettings;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.webhook.CommandEngine;
import dev.esm.webhook.CommandResult;
import dev.esm.core.plan.Action;
import dev.esm.webhook.CommandResult.Row;
import dev.esm.webhook.ServiceConfiguration;
import dev.esm.webhook.ServiceSettings;
import dev.esm.webhook.WebhookMetrics;
import dev.esm.webhook.WebhookServer;
import dev.esm.webhook.WebhookSignature;
import dev.esm.github.PullRequestSnapshot;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: a plain benchmark of the webhook service, run with
 * {@code ./mvnw -B -q -Pbench -pl esm-server -am test -DskipTests}.
 *
 * <ol>
 *   <li>Acknowledgement latency: 200 signed {@code esm help} deliveries, 20 in flight at a time
 *       (after a warm-up of 100); p50/p99/max of the time to the 202.
 *   <li>Time to answer: {@code esm register} on a pull request changing 20 schemas, with 50 ms
 *       added to every GitHub answer; time from sending the delivery to GitHub receiving the
 *       result comment, and the GitHub calls made.
 * </ol>
 */
public final class WebhookBenchmark {

  private static final String SECRET = "bench-secret";
  private static final WebhookSignature SIGNER = new WebhookSignature(SECRET);
  private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(20)).build();

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    acknowledgementLatency();
    timeToResultComment();
    System.exit(0);
  }

  // ---------------------------------------------------------------- 1. acknowledgement latency

  private static void acknowledgementLatency() throws Exception {
    try (GitHubStub github = new GitHubStub()) {
      github.acceptWrites();
      WebhookServer server = server(github, new CommandEngine() {
        @Override
        public CommandResult plan(PullRequestSnapshot pr) {
          return CommandResult.completed(List.of(), "");
        }

        @Override
        public CommandResult register(PullRequestSnapshot pr) {
          return plan(pr);
        }

        @Override
        public CommandResult restore(PullRequestSnapshot closed, java.nio.file.Path defaultBranchRoot) {
          return plan(closed);
        }
      });
      byte[] help = payload("issue_comment-created-help");
      try {
        send(server, help, 400, 20); // warm-up: the JIT compiles the request path
        server.awaitIdle(Duration.ofMinutes(2));
        long start = System.nanoTime();
        List<Long> micros = send(server, help, 200, 20);
        double seconds = (System.nanoTime() - start) / 1e9;
        server.awaitIdle(Duration.ofMinutes(2));
        Collections.sort(micros);
        System.out.printf("Acknowledgement of 200 signed deliveries, 20 at a time:%n");
        System.out.printf("  p50 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f deliveries/s%n",
            percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0,
            200 / seconds);
      } finally {
        server.stop();
      }
    }
  }

  /** Sends {@code count} deliveries of {@code body}, {@code parallel} at a time; returns each one's latency in µs. */
  private static List<Long> send(WebhookServer server, byte[] body, int count, int parallel) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
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

  // ---------------------------------------------------------------- 2. time to the result comment

  private static void timeToResultComment() throws Exception {
    int delayMs = 50;
    int schemas = 20;
    try (GitHubStub github = new GitHubStub(delayMs)) {
      List<String[]> files = new ArrayList<>();
      Map<String, String> base = new LinkedHashMap<>();
      Map<String, String> head = new LinkedHashMap<>();
      for (int i = 0; i < schemas; i++) {
        String path = String.format("schemas/event%02d.avdl", i);
        files.add(new String[] {"modified", path});
        base.put(path, "protocol Events" + i + " { record Event" + i + " { string id; } }");
        head.put(path, "protocol Events" + i + " { @monitor({\"type\": \"traffic_anomaly\"}) record Event" + i + " { string id; } }");
      }
      // The real engine, against the Datadog stand-in with the same latency on every call.
      dev.esm.core.datadog.fake.FakeDatadog datadog = dev.esm.core.datadog.fake.FakeDatadog.start();
      datadog.latency(Duration.ofMillis(delayMs));
      dev.esm.core.config.EsmConfig config = new dev.esm.core.config.ConfigLoader().parse(
          "github:\n  repositories: [acme/event-schemas]\n  schema_paths: [schemas]\n", java.nio.file.Path.of("esm.yaml"));
      dev.esm.core.datadog.DatadogApiMonitors datadogClient = new dev.esm.core.datadog.DatadogApiMonitors(
          DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()));
      CommandEngine engine = new dev.esm.webhook.RegistrationEngine(config, datadogClient, null);
      WebhookServer server = server(github, engine);
      byte[] register = payload("issue_comment-created-register");
      List<Long> toComment = new ArrayList<>();
      List<Long> toDone = new ArrayList<>();
      List<String> calls = List.of();
      Map<String, Integer> datadogCalls = Map.of();
      try {
        for (int run = 0; run < 6; run++) {
          datadog.monitors().forEach(m -> datadog.remove(m.path("id").asLong())); // every run creates the 20 monitors
          datadog.resetCalls();
          github.reset();
          github.acceptWrites().pullRequest().files(files).zipball(GitHubStub.BASE, base).zipball(GitHubStub.HEAD, head)
              .permission("alice", "write");
          long sent = System.currentTimeMillis();
          HttpResponse<Void> response = HTTP.send(delivery(server, register), HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() != 202) {
            throw new IllegalStateException("answered " + response.statusCode());
          }
          server.awaitIdle(Duration.ofMinutes(1));
          long done = System.currentTimeMillis();
          long comment = github.requests().stream()
              .filter(r -> "POST".equals(r.getMethod().getName()) && r.getUrl().endsWith("/issues/42/comments"))
              .mapToLong(r -> r.getLoggedDate().getTime()).findFirst().orElseThrow();
          if (run > 0) { // the first run warms up
            toComment.add(comment + delayMs - sent); // the comment is posted when GitHub answers it
            toDone.add(done - sent);
          }
          calls = github.calls();
          datadogCalls = datadog.calls();
          if (datadog.monitors().size() != schemas) {
            throw new IllegalStateException("expected " + schemas + " monitors, found " + datadog.monitors().size());
          }
        }
      } finally {
        server.stop();
        datadogClient.close();
        datadog.close();
      }
      Collections.sort(toComment);
      Collections.sort(toDone);
      System.out.printf("esm register on a pull request changing %d schemas (20 monitors created), %d ms on every GitHub and Datadog answer (median of %d runs):%n",
          schemas, delayMs, toComment.size());
      System.out.printf("  delivery -> result comment posted: %d ms; -> last write (status, reaction): %d ms%n",
          toComment.get(toComment.size() / 2), toDone.get(toDone.size() / 2));
      System.out.printf("  GitHub calls per command: %d, whatever the number of schemas (one more per further 100 changed files)%n",
          calls.size());
      calls.forEach(c -> System.out.println("    " + c.replaceAll("[0-9a-f]{40}", "<sha>")));
      System.out.printf("  Datadog calls per command: %s%n", datadogCalls);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static WebhookServer server(GitHubStub github, CommandEngine engine) {
    WebhookMetrics metrics = new WebhookMetrics();
    return WebhookServer.create(
        new ServiceConfiguration(0, SECRET, List.of("acme/event-schemas"), List.of("schemas"), 0, 4, Duration.ofSeconds(30)),
        GitHubClients.withToken(github.url(), "bench-token", metrics.github()), engine, metrics).start();
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
    try (InputStream in = WebhookBenchmark.class.getResourceAsStream("/dev/esm/webhook/payloads/" + name + ".json")) {
      return in.readAllBytes();
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
