package dev.esm.webhook;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.GitHubFeedback.Reaction;
import dev.esm.github.GitHubFeedback.State;
import dev.esm.github.PullRequestReader;
import dev.esm.github.CommentMemory;
import dev.esm.store.CommandStore;
import dev.esm.store.StoredCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command on a worker: 👀, then the command's own class ({@link PullRequestCommand}).
 * Any failure ends in a comment saying what happened. Logs one line per command.
 */
final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final GitHubClients gitHub;
  private final PullRequestReader reader;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;
  private final WebhookMetrics metrics;
  private final DeliveryLog log;
  private final CommandStore store;

  CommandProcessor(GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, WebhookMetrics metrics, DeliveryLog log, CommandStore store) {
    this.store = store;
    this.gitHub = gitHub;
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
    this.metrics = metrics;
    this.log = log;
  }

  /**
   * Runs a command the store handed out, from the start; a rerun (a lapsed lease, a restart)
   * edits the result comment an earlier attempt posted instead of posting a second one.
   */
  String run(StoredCommand stored, DurableCommandQueue.Lease lease) {
    byte[] body = stored.body().getBytes(StandardCharsets.UTF_8);
    WebhookPayload payload;
    try {
      payload = WebhookPayload.parse(body);
    } catch (java.io.IOException e) {
      LOG.error("delivery {}: the stored payload cannot be read again; dropping the command", stored.deliveryId());
      return "failed";
    }
    Command command = Command.parse(payload.comment().body()).orElse(new Command(Commands.HELP, ""));
    QueuedCommand queued = new QueuedCommand(stored.deliveryId(), command, payload, body, System.nanoTime());
    LeaseFencedMonitors.enter(lease);
    try {
      return run(queued, memory(stored));
    } finally {
      LeaseFencedMonitors.leave();
    }
  }

  private CommentMemory memory(StoredCommand stored) {
    return new CommentMemory() {
      @Override
      public Optional<Long> earlier() {
        return Optional.ofNullable(stored.resultCommentId());
      }

      @Override
      public boolean rerun() {
        return stored.attempts() > 1;
      }

      @Override
      public void remember(long commentId) {
        store.resultComment(stored.id(), commentId);
      }
    };
  }

  void run(QueuedCommand command) {
    run(command, CommentMemory.NONE);
  }

  private String run(QueuedCommand command, CommentMemory memory) {
    PullRequestCommand handler = command.command().handler();
    CommandRun[] run = new CommandRun[1];
    String outcome;
    try {
      outcome = execute(command, run, memory);
    } catch (Exception e) {
      outcome = "failed";
      report(command, run[0], e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
    metrics.command(handler.word(), outcome, took);
    log.command(command, outcome, took.toMillis());
    return outcome;
  }

  private String execute(QueuedCommand command, CommandRun[] run, CommentMemory memory) throws Exception {
    GitHub client = gitHub.forInstallation(command.payload().installationId());
    GitHubFeedback feedback = GitHubFeedback.forDelivery(client, command.body(), gitHub::selfLogin).remembering(memory);
    run[0] = new CommandRun(command, feedback, gitHub, reader, engine, renderer);
    try {
      feedback.react(Reaction.EYES);
    } catch (EsmException e) {
      LOG.warn("delivery {}: could not add the 👀 reaction: {}", command.deliveryId(), e.getMessage());
    }
    return command.command().handler().run(run[0]);
  }

  private void report(QueuedCommand command, CommandRun run, Exception e) {
    PullRequestCommand handler = command.command().handler();
    String what;
    if (e instanceof EsmException esm) {
      what = esm.getMessage();
      LOG.warn("delivery {}: {} failed: {}", command.deliveryId(), handler.word(), esm.getMessage());
    } else {
      what = "An unexpected error stopped it (" + e.getClass().getSimpleName() + "). The service log has the details under delivery "
          + command.deliveryId() + ".";
      LOG.error("delivery {}: {} failed", command.deliveryId(), handler.word(), e);
    }
    if (run == null) {
      LOG.error("delivery {}: cannot tell {} on pull request #{} that the command failed: {}",
          command.deliveryId(), command.repository(), command.pullRequest(), what);
      return;
    }
    GitHubFeedback feedback = run.feedback;
    if (!run.answered) {
      try {
        String body = renderer.failure(handler, what, !run.engineStarted);
        feedback.publish(List.of(body), ResultCommentRenderer.markerPattern(handler), handler.hidesOlderAnswers());
      } catch (RuntimeException again) {
        LOG.error("delivery {}: could not comment the failure either: {}", command.deliveryId(), again.getMessage());
      }
    }
    if (run.headSha != null && handler instanceof SchemaCommand schema) {
      try {
        feedback.status(run.headSha, schema.statusContext(), State.FAILURE, "ESM could not finish: " + what, null);
      } catch (RuntimeException again) {
        LOG.warn("delivery {}: could not set the failure status: {}", command.deliveryId(), again.getMessage());
      }
    }
    try {
      feedback.react(Reaction.CONFUSED);
    } catch (RuntimeException again) {
      LOG.warn("delivery {}: could not add the 😕 reaction: {}", command.deliveryId(), again.getMessage());
    }
  }
}
