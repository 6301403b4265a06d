package dev.esm.cli;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.github.GitHubStub;
import dev.esm.webhook.ServiceSettings;
import dev.esm.webhook.WebhookSignature;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code esm serve} process killed with SIGKILL in the middle of a register, then started
 * again on the same data directory: the command runs to its end once, at once (not after the
 * lease), with one result comment and no duplicate monitor.
 */
class ServeCrashTest {

  static final String SECRET = "crash-test-secret";
  static final String CART = """
      @namespace("com.acme.events.cart")
      protocol CartEvents {
        /** A learner added a course to the cart. */
        @monitor([{"type": "traffic_anomaly", "severity": "high"}, {"type": "traffic_drop", "threshold": 10}])
        @owner("team-cart")
        record AddToCartEvent { string user_id; }
        @monitor({"type": "no_traffic"})
        @owner("team-cart")
        record CheckoutEvent { string user_id; }
      }
      """;

  @TempDir
  Path temp;

  final List<Process> processes = new ArrayList<>();
  GitHubStub github;
  FakeDatadog datadog;

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    if (datadog != null) {
      datadog.close();
    }
    if (github != null) {
      github.close();
    }
  }

  @Test
  void aKilledServiceFinishesItsRegisterOnceWhenStartedAgain() throws Exception {
    github = new GitHubStub();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"added", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/other.avdl", "protocol Other { record O { string id; } }"))
        .zipball(HEAD, Map.of("schemas/cart.avdl", CART));
    datadog = FakeDatadog.start();
    datadog.latency(Duration.ofMillis(700)); // every Datadog answer is slow: the kill lands mid-register
    Path config = Files.writeString(temp.resolve("esm.yaml"), """
        github:
          repositories: [acme/event-schemas]
          schema_paths: [schemas]
        datadog:
          parallelism: 1
        teams:
          team-cart:
            slack: "@slack-cart"
        drift:
          interval: 0
        """);
    Path data = temp.resolve("esm-data");
    int port = freePort();

    Process first = serve(config, data, port, "first.log");
    String delivery = UUID.randomUUID().toString();
    assertThat(deliver(port, delivery)).isEqualTo(202);
    await(() -> datadog.calls(FakeDatadog.CREATE) >= 1, Duration.ofSeconds(60), "a first monitor create");
    first.destroyForcibly(); // SIGKILL
    first.waitFor();
    int createsBeforeKill = datadog.calls(FakeDatadog.CREATE);
    assertThat(github.commentBodies()).as("killed before answering").isEmpty();
    assertThat(Files.isDirectory(data)).isTrue();

    long restarted = System.nanoTime();
    serve(config, data, port, "second.log");
    await(() -> github.commentBodies().size() >= 1, Duration.ofSeconds(60), "the result comment");
    Duration resumedIn = Duration.ofNanos(System.nanoTime() - restarted);
    Thread.sleep(1_500); // nothing more comes

    assertThat(resumedIn).as("resumed at start, not after the 2m lease").isLessThan(Duration.ofSeconds(60));
    assertThat(github.commentBodies()).hasSize(1);
    assertThat(github.commentBodies().get(0)).contains("AddToCartEvent").contains("CheckoutEvent");
    assertThat(datadog.monitors()).extracting(m -> m.get("name").asText()).containsExactlyInAnyOrder(
        "Traffic Anomaly with AddToCartEvent", "Traffic Drop with AddToCartEvent", "No Traffic with CheckoutEvent");
    assertThat(datadog.calls(FakeDatadog.CREATE)).as("the rerun created only what was missing")
        .isEqualTo(3 + (createsBeforeKill - Math.min(createsBeforeKill, 3)));
    assertThat(deliver(port, delivery)).as("a redelivery after the restart is recognised").isEqualTo(200);
  }

  private Process serve(Path config, Path data, int port, String log) throws Exception {
    Map<String, String> env = new HashMap<>(datadog.environment());
    env.putAll(Map.of("ESM_WEBHOOK_SECRET", SECRET, "GITHUB_TOKEN", "ghp_test", "GITHUB_API_URL", github.url(),
        "ESM_PORT", String.valueOf(port), "ESM_DATA_DIR", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.esm.cli.Main", "serve", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(temp.resolve(log).toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    await(() -> health(port) == 200, Duration.ofSeconds(60), "esm serve to answer " + ServiceSettings.HEALTH_PATH);
    return process;
  }

  private static int deliver(int port, String delivery) throws Exception {
    byte[] body;
    try (InputStream in = ServeCrashTest.class.getResourceAsStream(
        "/dev/esm/webhook/payloads/issue_comment-created-register.json")) {
      body = in.readAllBytes();
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + ServiceSettings.WEBHOOK_PATH))
        .header("X-GitHub-Event", "issue_comment")
        .header("X-GitHub-Delivery", delivery)
        .header(WebhookSignature.HEADER, new WebhookSignature(SECRET).sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static int health(int port) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + ServiceSettings.HEALTH_PATH)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
