package dev.esm.webhook;

/** Lets the queue benchmark stop a server as a killed process would. */
public final class QueueBenchmarkSupport {

  private QueueBenchmarkSupport() {}

  public static void halt(WebhookServer server) {
    server.halt();
  }
}
