package dev.esm.webhook;

/** A command that passed the gates, waiting for a worker. */
record QueuedCommand(String deliveryId, Command command, WebhookPayload payload, byte[] body, long acceptedNanos) {

  String repository() {
    return payload.repositoryName();
  }

  int pullRequest() {
    return payload.issue().number();
  }

  String commenter() {
    return payload.comment().user().login();
  }
}
