package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.webhook.ServiceSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

  @Test
  void refusesToStartWithoutAWebhookSecret() {
    CliRun run = CliRun.withEnvironment(Map.of("GITHUB_TOKEN", "t", "DD_API_KEY", "a", "DD_APP_KEY", "b"), "serve");

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("esm: The webhook service needs a webhook secret: set ESM_WEBHOOK_SECRET");
  }

  @Test
  void refusesToStartWithoutGitHubCredentials() {
    CliRun run = CliRun.withEnvironment(Map.of("ESM_WEBHOOK_SECRET", "s", "DD_API_KEY", "a", "DD_APP_KEY", "b"), "serve");

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("esm: ").contains("GITHUB_TOKEN");
  }

  @Test
  void refusesToStartWithoutDatadogKeys() {
    CliRun run = CliRun.withEnvironment(Map.of("ESM_WEBHOOK_SECRET", "s", "GITHUB_TOKEN", "t"), "serve");

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("esm: DD_API_KEY is not set: Datadog needs an API key\n");
  }

  @Test
  void startsAndAnswersHealthAndMetrics() throws Exception {
    WireMockServer github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    github.start();
    github.stubFor(WireMock.get("/user").willReturn(WireMock.okJson("{\"login\": \"esm-bot\", \"id\": 1}")));
    FakeDatadog datadog = FakeDatadog.start();
    int port = freePort();
    Map<String, String> env = new HashMap<>(datadog.environment());
    env.putAll(Map.of("ESM_WEBHOOK_SECRET", "s3cret", "GITHUB_TOKEN", "ghp_test", "GITHUB_API_URL", github.baseUrl(),
        "ESM_PORT", String.valueOf(port), "ESM_DATA_DIR", java.nio.file.Files.createTempDirectory("esm-data").toString()));
    Thread service = new Thread(() -> CliRun.withEnvironment(env, "serve", "--config", "../examples/esm.yaml"), "esm-serve");
    service.setDaemon(true);
    service.start();
    try {
      HttpResponse<String> health = awaitUp(port);
      HttpResponse<String> metrics = get(port, ServiceSettings.METRICS_PATH);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("esm_datadog_calls_total").contains("esm_github_calls_total");
      assertThat(get(port, "/").statusCode()).as("no catalog page without ui: true").isEqualTo(404);
    } finally {
      github.stop();
      datadog.close();
    }
  }

  @Test
  void servesTheCatalogPageWithUiTrueSayingWhatItCouldNotReadAndNoSecret() throws Exception {
    WireMockServer github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    github.start();
    github.stubFor(WireMock.get("/user").willReturn(WireMock.okJson("{\"login\": \"esm-bot\", \"id\": 1}")));
    FakeDatadog datadog = FakeDatadog.start();
    int port = freePort();
    java.nio.file.Path config = java.nio.file.Files.createTempFile("esm", ".yaml");
    java.nio.file.Files.writeString(config, "github:\n  repositories: [acme/event-schemas]\nui: true\n");
    Map<String, String> env = new HashMap<>(datadog.environment());
    env.putAll(Map.of("ESM_WEBHOOK_SECRET", "s3cret", "GITHUB_TOKEN", "ghp_servetest", "GITHUB_API_URL", github.baseUrl(),
        "ESM_PORT", String.valueOf(port), "ESM_DATA_DIR", java.nio.file.Files.createTempDirectory("esm-data").toString()));
    Thread service = new Thread(() -> CliRun.withEnvironment(env, "serve", "--config", config.toString()), "esm-serve-ui");
    service.setDaemon(true);
    service.start();
    try {
      assertThat(awaitUp(port).statusCode()).isEqualTo(200);
      HttpResponse<String> page = get(port, "/");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<h1>ESM catalog</h1>", "acme/event-schemas: cannot read the default branch")
          .doesNotContain("ghp_servetest", FakeDatadog.API_KEY, FakeDatadog.APP_KEY, "s3cret");
      assertThat(get(port, "/catalog.css").statusCode()).isEqualTo(200);
    } finally {
      github.stop();
      datadog.close();
    }
  }

  @Test
  void stopsOnSigtermWithExitStatusZero() throws Exception {
    FakeDatadog datadog = FakeDatadog.start();
    int port = freePort();
    String javaCommand = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), "dev.esm.cli.Main", "serve")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(datadog.environment());
    builder.environment().putAll(Map.of("ESM_WEBHOOK_SECRET", "s3cret", "GITHUB_TOKEN", "ghp_test",
        "GITHUB_API_URL", "http://127.0.0.1:9", "ESM_PORT", String.valueOf(port)));
    Process service = builder.start();
    try {
      assertThat(awaitUp(port).statusCode()).isEqualTo(200);

      service.destroy(); // SIGTERM

      assertThat(service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(service.exitValue()).isZero();
    } finally {
      service.destroyForcibly();
      datadog.close();
    }
  }

  @Test
  void readsTheSlackWebhookOfTheAnnouncementsFromTheEnvironment() {
    var config = new dev.esm.core.config.ConfigLoader().parse(
        "announce:\n  slack_webhook_url: \"${env:ESM_SLACK_WEBHOOK_URL}\"\n", java.nio.file.Path.of("esm.yaml"));

    assertThat(ServeCommand.announcer(config, Map.of("ESM_SLACK_WEBHOOK_URL", "https://hooks.slack.test/T/B/x"))).isNotNull();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServeCommand.announcer(config, Map.of())))
        .hasMessage("announce.slack_webhook_url reads ${env:ESM_SLACK_WEBHOOK_URL}, which is not set in the environment");
    assertThat(ServeCommand.announcer(new dev.esm.core.config.ConfigLoader().defaults(), Map.of())).isNull();
  }

  private static HttpResponse<String> awaitUp(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        return get(port, ServiceSettings.HEALTH_PATH);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("the service did not start on port " + port);
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
