package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Delivers a replayed payload, signed, to a running service and waits until its command is done. */
final class Deliveries {

  private Deliveries() {}

  static void deliverAndWait(WebhookServer server, String event, String payloadName) throws Exception {
    deliverAndWait(server, event, payloadName, 202);
  }

  /** As above, expecting {@code status} (200 for a delivery ESM ignores). */
  static void deliverAndWait(WebhookServer server, String event, String payloadName, int status) throws Exception {
    assertThat(deliver(server, event, WebhookServerTest.payload(payloadName))).isEqualTo(status);
    assertThat(server.awaitIdle(Duration.ofSeconds(30))).isTrue();
  }

  /** Sends {@code body} signed and returns the answer's status, without waiting for the work. */
  static int deliver(WebhookServer server, String event, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header(WebhookSignature.HEADER, WebhookServerTest.SIGNER.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
