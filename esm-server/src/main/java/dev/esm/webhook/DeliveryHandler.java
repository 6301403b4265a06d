package dev.esm.webhook;

import java.io.IOException;
import java.util.Optional;

/**
 * Decides what becomes of a delivery whose signature was checked: the gates, in order, then
 * queueing the command. Cheap and synchronous, so GitHub's delivery log shows why a delivery
 * was ignored; the work itself runs later on the {@link CommandQueue}.
 */
final class DeliveryHandler {

  /** What to answer GitHub. */
  record Answer(int status, String outcome, String message) {}

  private final RepositoryAllowList allowList;
  private final DeliveryIds seen;
  private final CommandQueue queue;
  private final CommandProcessor processor;
  private final WebhookMetrics metrics;
  private final DeliveryLog log;
  private final PullRequestEvents pullRequests;

  DeliveryHandler(RepositoryAllowList allowList, DeliveryIds seen, CommandQueue queue, CommandProcessor processor,
      WebhookMetrics metrics, DeliveryLog log, PullRequestEvents pullRequests) {
    this.allowList = allowList;
    this.seen = seen;
    this.queue = queue;
    this.processor = processor;
    this.metrics = metrics;
    this.log = log;
    this.pullRequests = pullRequests;
  }

  Answer handle(String event, String deliveryId, byte[] body) {
    long start = System.nanoTime();
    String eventName = event == null || event.isBlank() ? "unknown" : event;
    if ("ping".equals(eventName)) {
      return done(start, eventName, deliveryId, null, 200, "ping", "pong");
    }
    if (deliveryId == null || deliveryId.isBlank()) {
      return done(start, eventName, deliveryId, null, 400, "bad_request", "missing X-GitHub-Delivery header");
    }
    WebhookPayload payload;
    try {
      payload = WebhookPayload.parse(body);
    } catch (IOException e) {
      return done(start, eventName, deliveryId, null, 400, "bad_request", "the payload is not a JSON object");
    }
    // Remembered only now that it is well-formed: a malformed body cannot block the real delivery's ID.
    if (!seen.firstTime(deliveryId)) {
      return done(start, eventName, deliveryId, null, 200, "duplicate", "delivery " + deliveryId + " was already received");
    }
    try {
      return gates(start, eventName, deliveryId, payload, body);
    } catch (RuntimeException e) {
      seen.forget(deliveryId); // not accepted after all: a redelivery must get through
      throw e;
    }
  }

  private Answer gates(long start, String eventName, String deliveryId, WebhookPayload payload, byte[] body) {
    // 1. Only repositories the configuration allows.
    String repository = payload.repositoryName();
    if (!allowList.allows(repository)) {
      return done(start, eventName, deliveryId, payload, 200, "ignored_repository",
          repository == null ? "ignored: no repository" : "ignored: repository " + repository + " is not served");
    }
    if ("pull_request".equals(eventName)) {
      return pullRequest(start, deliveryId, payload, body);
    }
    // 2. A new comment on a pull request.
    if (!"issue_comment".equals(eventName)) {
      return done(start, eventName, deliveryId, payload, 200, "ignored_event", "ignored: event " + eventName);
    }
    if (!"created".equals(payload.action()) || payload.issue() == null || payload.comment() == null
        || payload.comment().user() == null) {
      return done(start, eventName, deliveryId, payload, 200, "ignored_action",
          "ignored: action " + payload.action() + " (only new comments are read)");
    }
    if (!payload.issue().isPullRequest()) {
      return done(start, eventName, deliveryId, payload, 200, "ignored_issue", "ignored: a comment on an issue, not a pull request");
    }
    // 3. A command on the first line.
    Optional<Command> command = Command.parse(payload.comment().body());
    if (command.isEmpty()) {
      return done(start, eventName, deliveryId, payload, 200, "ignored_comment", "ignored: not an esm command");
    }
    // 4. Not from a bot (ESM's own comments included).
    if (payload.comment().user().isBot()) {
      return done(start, eventName, deliveryId, payload, 200, "ignored_bot", "ignored: comment by a bot");
    }
    // 5. The permission gate for register needs a GitHub call: it runs on the worker.
    QueuedCommand queued = new QueuedCommand(deliveryId, command.get(), payload, body, start);
    String lane = repository.toLowerCase(java.util.Locale.ROOT);
    CommandQueue.Admission admission = queue.offer(lane, new QueuedJob(queued));
    String word = command.get().handler().word();
    switch (admission) {
      case CLOSED -> {
        seen.forget(deliveryId);
        return done(start, eventName, deliveryId, payload, 503, "unavailable", "shutting down; redeliver later");
      }
      case FULL -> {
        processor.notRunLater(queued, "queue_full", "ESM already has " + queue.maxWaitingPerLane() + " commands waiting for "
            + repository + ", so it did not queue this one.");
        return done(start, eventName, deliveryId, payload, 200, "queue_full",
            "refused: " + queue.maxWaitingPerLane() + " commands already wait for " + repository);
      }
      case REPLACED -> {
        metrics.delivery(eventName, "accepted");
        return new Answer(202, "accepted", "accepted: esm " + word + " (replaces the waiting one)");
      }
      default -> {
        metrics.delivery(eventName, "accepted");
        return new Answer(202, "accepted", "accepted: esm " + word);
      }
    }
  }

  /** A command in the queue; a plan waiting for a pull request is replaced by a newer plan of the same one. */
  private final class QueuedJob implements CommandQueue.Job {
    private final QueuedCommand command;

    QueuedJob(QueuedCommand command) {
      this.command = command;
    }

    @Override
    public void run() {
      processor.run(command);
    }

    @Override
    public String coalesceKey() {
      return command.command().handler() instanceof PlanCommand ? "plan #" + command.pullRequest() : null;
    }

    @Override
    public void superseded() {
      processor.superseded(command);
    }

    @Override
    public void skip() {
      processor.notRun(command, "stopped", "ESM was shutting down (a restart or a deploy) before this command started.");
    }
  }

  /** A pull request opened, pushed to, closed…: {@link PullRequestEvents} decides, the repository's lane runs it. */
  private Answer pullRequest(long start, String deliveryId, WebhookPayload payload, byte[] body) {
    String ignored = pullRequests.ignoredBecause(payload);
    if (ignored != null) {
      return done(start, "pull_request", deliveryId, payload, 200, "ignored_action", ignored);
    }
    pullRequests.accepted(payload);
    String lane = payload.repositoryName().toLowerCase(java.util.Locale.ROOT);
    if (!queue.submit(lane, () -> pullRequests.run(deliveryId, payload, body, start))) {
      return done(start, "pull_request", deliveryId, payload, 503, "unavailable", "shutting down; redeliver later");
    }
    metrics.delivery("pull_request", "accepted");
    return new Answer(202, "accepted", "accepted: pull_request " + payload.action());
  }

  private Answer done(long start, String event, String deliveryId, WebhookPayload payload, int status, String outcome,
      String message) {
    metrics.delivery(event, outcome);
    log.intake(deliveryId, event, payload, outcome, (System.nanoTime() - start) / 1_000_000);
    return new Answer(status, outcome, message);
  }
}
