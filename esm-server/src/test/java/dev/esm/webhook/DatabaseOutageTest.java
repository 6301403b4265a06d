package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A PostgreSQL of its own that goes away: /readyz says so in time, deliveries get 503, never a 202. */
class DatabaseOutageTest {

  @Test
  void aDatabaseThatGoesAwayMakesTheServiceNotReadyAndRefuseCommands() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    try (GitHubStub github = new GitHubStub()) {
      github.acceptWrites();
      WebhookMetrics metrics = new WebhookMetrics();
      StoreSettings settings = new StoreSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", null);
      WebhookServer server = WebhookServer.create(
          new ServiceConfiguration(0, WebhookServerTest.SECRET, List.of("acme/event-schemas"), List.of("schemas"), 0, 2,
              Duration.ofSeconds(5)),
          GitHubClients.withToken(github.url(), "ghp_test", metrics.github()), new RecordingEngine(), metrics,
          Database.open(settings), Duration.ofSeconds(30)).start();
      try {
        assertThat(get(server, ServiceSettings.READY_PATH)).isEqualTo(200);
        assertThat(send(server)).isEqualTo(202);

        postgres.close();
        long gone = System.nanoTime();
        assertThat(send(server)).as("not stored, so not accepted").isEqualTo(503);
        while (get(server, ServiceSettings.READY_PATH) == 200) {
          assertThat(Duration.ofNanos(System.nanoTime() - gone)).as("503 within 30 s").isLessThan(Duration.ofSeconds(30));
          Thread.sleep(200);
        }
        long t0 = System.nanoTime();
        assertThat(get(server, ServiceSettings.READY_PATH)).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("answers within 5 s").isLessThan(Duration.ofSeconds(5));
        assertThat(get(server, ServiceSettings.HEALTH_PATH)).as("liveness unchanged").isEqualTo(200);
      } finally {
        server.halt(); // its database is gone: nothing to finish
      }
    }
  }

  private static int send(WebhookServer server) throws Exception {
    byte[] body = WebhookServerTest.payload("issue_comment-created-help");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .header("X-GitHub-Event", "issue_comment")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header(WebhookSignature.HEADER, WebhookServerTest.SIGNER.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int get(WebhookServer server, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
