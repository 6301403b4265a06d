package dev.esm.webhook;

import dev.esm.store.CommandStore;
import dev.esm.store.NewCommand;
import dev.esm.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of a delivery whose signature was checked: the gates, in order, then
 * queueing the command. Cheap and synchronous, so GitHub's delivery log shows why a delivery
 * was ignored; the work itself runs later from the {@link CommandStore}, where an accepted command
 * is stored before it is answered (a database that does not answer: 503, never a 202).
 */
final class DeliveryHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);
  /** Comment commands a repository may have waiting; a plan replacing a waiting plan always gets in. */
  static final int MAX_QUEUED_PER_REPOSITORY = 20;

  /** What to answer GitHub. */
  record Answer(int status, String outcome, String message) {}

  private final RepositoryAllowList allowList;
  private final CommandStore store;
  private final DurableCommandQueue queue;
  private final CommandProcessor processor;
  private final WebhookMetrics metrics;
  private final DeliveryLog log;
  private final PullRequestEvents pullRequests;

  DeliveryHandler(RepositoryAllowList allowList, CommandStore store, DurableCommandQueue queue, CommandProcessor processor,
      WebhookMetrics metrics, DeliveryLog log, PullRequestEvents pullRequests) {
    this.allowList = allowList;
    this.store = store;
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
    try {
      // A delivery seen before is recognised where its ID is stored (one round trip, not two).
      return gates(start, eventName, deliveryId, payload, body);
    } catch (StoreException e) {
      return done(start, eventName, deliveryId, payload, 503, "unavailable",
          "the service cannot store work right now; redeliver later");
    }
  }

  private Answer duplicate(long start, String eventName, String deliveryId) {
    return done(start, eventName, deliveryId, null, 200, "duplicate", "delivery " + deliveryId + " was already received");
  }

  /** An accepted delivery that brings no command: remembered, so that a redelivery is recognised. */
  private Answer ignored(long start, String eventName, String deliveryId, WebhookPayload payload, String outcome,
      String message) {
    if (store.remember(deliveryId) == CommandStore.Intake.DUPLICATE) {
      return duplicate(start, eventName, deliveryId);
    }
    return done(start, eventName, deliveryId, payload, 200, outcome, message);
  }

  private Answer gates(long start, String eventName, String deliveryId, WebhookPayload payload, byte[] body) {
    // 1. Only repositories the configuration allows.
    String repository = payload.repositoryName();
    if (!allowList.allows(repository)) {
      return ignored(start, eventName, deliveryId, payload, "ignored_repository",
          repository == null ? "ignored: no repository" : "ignored: repository " + repository + " is not served");
    }
    if ("pull_request".equals(eventName)) {
      return pullRequest(start, deliveryId, payload, body);
    }
    // 2. A new comment on a pull request.
    if (!"issue_comment".equals(eventName)) {
      return ignored(start, eventName, deliveryId, payload, "ignored_event", "ignored: event " + eventName);
    }
    if (!"created".equals(payload.action()) || payload.issue() == null || payload.comment() == null
        || payload.comment().user() == null) {
      return ignored(start, eventName, deliveryId, payload, "ignored_action",
          "ignored: action " + payload.action() + " (only new comments are read)");
    }
    if (!payload.issue().isPullRequest()) {
      return ignored(start, eventName, deliveryId, payload, "ignored_issue", "ignored: a comment on an issue, not a pull request");
    }
    // 3. A command on the first line.
    Optional<Command> command = Command.parse(payload.comment().body());
    if (command.isEmpty()) {
      return ignored(start, eventName, deliveryId, payload, "ignored_comment", "ignored: not an esm command");
    }
    // 4. Not from a bot (ESM's own comments included).
    if (payload.comment().user().isBot()) {
      return ignored(start, eventName, deliveryId, payload, "ignored_bot", "ignored: comment by a bot");
    }
    // 5. The permission gate for register needs a GitHub call: it runs on the worker.
    if (!queue.isAccepting()) {
      return done(start, eventName, deliveryId, payload, 503, "unavailable", "shutting down; redeliver later");
    }
    String word = command.get().handler().word();
    String lane = repository.toLowerCase(java.util.Locale.ROOT);
    NewCommand stored = new NewCommand(deliveryId, lane, payload.issue().number(), word,
        new String(body, StandardCharsets.UTF_8));
    CommandStore.Acceptance acceptance = store.accept(stored, MAX_QUEUED_PER_REPOSITORY,
        command.get().handler() instanceof PlanCommand);
    switch (acceptance.intake()) {
      case DUPLICATE -> {
        return duplicate(start, eventName, deliveryId);
      }
      case FULL -> {
        // The delivery ID is remembered (a redelivery is a duplicate); the command is not stored.
        processor.notRunLater(new QueuedCommand(deliveryId, command.get(), payload, body, start), "queue_full",
            "ESM already has " + MAX_QUEUED_PER_REPOSITORY + " commands waiting for " + repository
                + ", so it did not queue this one.");
        return done(start, eventName, deliveryId, payload, 200, "queue_full",
            "refused: " + MAX_QUEUED_PER_REPOSITORY + " commands already wait for " + repository);
      }
      case REPLACED -> {
        superseded(acceptance.replaced(), start);
        queue.stored();
        metrics.delivery(eventName, "accepted");
        return new Answer(202, "accepted", "accepted: esm " + word + " (replaces the waiting one)");
      }
      default -> {
        queue.stored();
        metrics.delivery(eventName, "accepted");
        return new Answer(202, "accepted", "accepted: esm " + word);
      }
    }
  }

  /** A waiting plan replaced by a newer plan of the same pull request: counted and logged, nothing posted. */
  private void superseded(CommandStore.Replaced replaced, long start) {
    byte[] body = replaced.body().getBytes(StandardCharsets.UTF_8);
    try {
      WebhookPayload payload = WebhookPayload.parse(body);
      Command command = Command.parse(payload.comment().body()).orElse(new Command(Commands.HELP, ""));
      processor.superseded(new QueuedCommand(replaced.deliveryId(), command, payload, body, start));
    } catch (IOException | RuntimeException e) { // stored only after it was read once: not expected
      LOG.warn("delivery {}: the replaced command cannot be read again to count it", LogText.deliveryId(replaced.deliveryId()));
    }
  }

  /**
   * A pull request opened, pushed to, closed…: {@link PullRequestEvents} decides; the work is stored
   * with its delivery ID before the answer, as a comment command is, and runs from the store. A
   * waiting autoplan of the same pull request gives its place to the newer one.
   */
  private Answer pullRequest(long start, String deliveryId, WebhookPayload payload, byte[] body) {
    String ignored = pullRequests.ignoredBecause(payload);
    if (ignored != null) {
      return ignored(start, "pull_request", deliveryId, payload, "ignored_action", ignored);
    }
    if (!queue.isAccepting()) {
      return done(start, "pull_request", deliveryId, payload, 503, "unavailable", "shutting down; redeliver later");
    }
    String work = PullRequestEvents.work(payload);
    String lane = payload.repositoryName().toLowerCase(java.util.Locale.ROOT);
    int number = payload.pullRequest().number();
    CommandStore.Acceptance acceptance = store.accept(
        new NewCommand(deliveryId, lane, number, work, new String(body, StandardCharsets.UTF_8)), Integer.MAX_VALUE,
        PullRequestEvents.AUTOPLAN.equals(work));
    if (acceptance.intake() == CommandStore.Intake.DUPLICATE) {
      return duplicate(start, "pull_request", deliveryId);
    }
    pullRequests.accepted(payload);
    if (acceptance.intake() == CommandStore.Intake.REPLACED) {
      pullRequests.superseded(acceptance.replaced().deliveryId(), payload.repositoryName(), number,
          System.currentTimeMillis());
    }
    queue.stored();
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
