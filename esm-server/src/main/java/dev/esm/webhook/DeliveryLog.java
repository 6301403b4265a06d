package dev.esm.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per delivery, in the {@code dev.esm.webhook.deliveries} log: what became of it and how long it took. */
final class DeliveryLog {

  private static final Logger DELIVERIES = LoggerFactory.getLogger("dev.esm.webhook.deliveries");

  /** A delivery answered at intake (ignored, refused, or accepted for later). */
  void intake(String deliveryId, String event, WebhookPayload payload, String outcome, long durationMs) {
    String commenter = payload == null || payload.comment() == null || payload.comment().user() == null
        ? null : payload.comment().user().login();
    Integer pr = payload == null || payload.issue() == null ? null : payload.issue().number();
    line(deliveryId, event, payload == null ? null : payload.repositoryName(), pr, null,
        commenter, outcome, durationMs);
  }

  /** A command run to its end. */
  void command(QueuedCommand command, String outcome, long durationMs) {
    line(command.deliveryId(), "issue_comment", command.repository(), command.pullRequest(),
        command.command().handler().word(), command.commenter(), outcome, durationMs);
  }

  /** A {@code pull_request} event's work (autoplan) run to its end. */
  void pullRequestEvent(String deliveryId, String repository, int pullRequest, String work, String outcome, long durationMs) {
    line(deliveryId, "pull_request", repository, pullRequest, work, null, outcome, durationMs);
  }

  private static void line(String deliveryId, String event, String repository, Integer pullRequest, String command,
      String commenter, String outcome, long durationMs) {
    DELIVERIES.info("delivery={} event={} repository={} pr={} command={} commenter={} outcome={} duration_ms={}",
        LogText.deliveryId(deliveryId), LogText.message(event), dash(repository), pullRequest == null ? "-" : pullRequest, dash(command), dash(commenter),
        outcome, durationMs);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : LogText.message(s);
  }
}
