package dev.esm.webhook.bench;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.webhook.RegistrationEngine;
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
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: autoplan as a GitHub App, run with
 * {@code ./mvnw -B -q -Pbench -pl esm-server -am test -DskipTests -Dbench.webhook.skip=true -Dbench.drift.skip=true}.
 * A {@code synchronize} delivery of a pull request changing 20 schemas, 50 ms added to every
 * GitHub and Datadog answer: time from sending it to GitHub receiving the completed check run,
 * and the GitHub calls made (the App's token calls, made once per hour, left out).
 */
public final class AutoplanBenchmark {

  private static final String SECRET = "bench-secret";

  public static void main(String[] args) throws Exception {
    int delayMs = 50;
    int schemas = 20;
    try (GitHubStub github = new GitHubStub(delayMs); FakeDatadog datadog = FakeDatadog.start()) {
      datadog.latency(Duration.ofMillis(delayMs));
      List<String[]> files = new ArrayList<>();
      Map<String, String> base = new LinkedHashMap<>();
      Map<String, String> head = new LinkedHashMap<>();
      for (int i = 0; i < schemas; i++) {
        String path = String.format("schemas/event%02d.avdl", i);
        files.add(new String[] {"modified", path});
        base.put(path, "protocol Events" + i + " { record Event" + i + " { string id; } }");
        head.put(path, "protocol Events" + i + " { @monitor({\"type\": \"traffic_anomaly\"}) record Event" + i + " { string id; } }");
      }
      EsmConfig config = new ConfigLoader().parse(
          "github:\n  repositories: [acme/event-schemas]\n  schema_paths: [schemas]\n", Path.of("esm.yaml"));
      WebhookMetrics metrics = new WebhookMetrics();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      GitHubClients clients = GitHubClients.asApp(github.url(), "1084413", generator.generateKeyPair().getPrivate(),
          metrics.github());
      try (DatadogApiMonitors datadogClient = new DatadogApiMonitors(
          DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()))) {
        WebhookServer server = WebhookServer.create(
            new ServiceConfiguration(0, SECRET, List.of("acme/event-schemas"), List.of("schemas"), 0, 4, Duration.ofSeconds(30)),
            clients, new RegistrationEngine(config, datadogClient, null), metrics, config).start();
        byte[] body;
        try (InputStream in = AutoplanBenchmark.class.getResourceAsStream(
            "/dev/esm/webhook/payloads/pull_request-synchronize-schema-change.json")) {
          body = in.readAllBytes();
        }
        List<Long> times = new ArrayList<>();
        List<String> calls = List.of();
        try {
          for (int run = 0; run < 6; run++) {
            github.reset();
            datadog.resetCalls();
            github.app(58211903L, "ghs_bench").acceptCheckRuns().acceptWrites().pullRequest().files(files)
                .zipball(GitHubStub.BASE, base).zipball(GitHubStub.HEAD, head);
            long sent = System.currentTimeMillis();
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(WebhookSignature.HEADER, new WebhookSignature(SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 202) {
              throw new IllegalStateException("answered " + response.statusCode());
            }
            server.awaitIdle(Duration.ofMinutes(1));
            long completed = github.requests().stream()
                .filter(r -> "PATCH".equals(r.getMethod().getName()) && r.getUrl().contains("/check-runs/"))
                .mapToLong(r -> r.getLoggedDate().getTime()).findFirst().orElseThrow();
            if (run > 0) { // the first run warms up
              times.add(completed + delayMs - sent); // done when GitHub answers it
            }
            calls = github.calls().stream().filter(c -> !c.contains("/app")).toList();
          }
        } finally {
          server.stop();
        }
        Collections.sort(times);
        System.out.printf("autoplan as a GitHub App of a pull request changing %d schemas, %d ms on every GitHub and Datadog answer (median of %d runs):%n",
            schemas, delayMs, times.size());
        System.out.printf("  synchronize -> completed check run: %d ms%n", times.get(times.size() / 2));
        System.out.printf("  GitHub calls per autoplan: %d%n", calls.size());
        calls.forEach(c -> System.out.println("    " + c.replaceAll("[0-9a-f]{40}", "<sha>")));
        System.out.printf("  Datadog calls per autoplan: %s%n", datadog.calls());
      }
    }
    System.exit(0);
  }
}
