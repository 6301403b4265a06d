package dev.esm.webhook;

import dev.esm.core.config.Durations;
import dev.esm.core.config.Limits;
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
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command on a worker: 👀, then the command's own class ({@link PullRequestCommand}).
 * Whatever happens (an error, a Java {@link Error}, running out of {@code limits.command_timeout},
 * a shutdown), the command ends in a comment, a final status (once one was set) and a metric.
 * Logs one line per command.
 */
final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final GitHubClients gitHub;
  private final PullRequestReader reader;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;
  private final WebhookMetrics metrics;
  private final DeliveryLog log;
  private final Duration timeout;
  private final SecretMasker secrets;
  private final CommandStore store;
  private final PullRequestRules rules;
  private final Set<CommandRun> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService runners = Executors.newCachedThreadPool(daemons("esm-command-run-"));
  private final ExecutorService notices = Executors.newSingleThreadExecutor(daemons("esm-notices-"));

  CommandProcessor(GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, WebhookMetrics metrics, DeliveryLog log) {
    this(gitHub, reader, engine, renderer, metrics, log, Limits.DEFAULT.commandTimeout(), SecretMasker.NONE,
        PullRequestRules.defaults(), null);
  }

  CommandProcessor(GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, WebhookMetrics metrics, DeliveryLog log, Duration timeout, SecretMasker secrets,
      PullRequestRules rules, CommandStore store) {
    this.store = store;
    this.gitHub = gitHub;
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
    this.metrics = metrics;
    this.log = log;
    this.timeout = timeout;
    this.secrets = secrets;
    this.rules = rules;
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Runs a command the store handed out, from the start; a rerun (a lapsed lease, a restart)
   * edits the result comment an earlier attempt posted instead of posting a second one. A lease
   * lost while it runs stops its writes as a timeout does ({@link CommandDeadline}).
   */
  String run(StoredCommand stored, DurableCommandQueue.Lease lease) {
    byte[] body = stored.body().getBytes(StandardCharsets.UTF_8);
    WebhookPayload payload;
    try {
      payload = WebhookPayload.parse(body);
    } catch (IOException e) {
      LOG.error("delivery {}: the stored payload cannot be read again; dropping the command",
          LogText.deliveryId(stored.deliveryId()));
      return "failed";
    }
    Command command = Command.parse(payload.comment().body()).orElse(new Command(Commands.HELP, ""));
    QueuedCommand queued = new QueuedCommand(stored.deliveryId(), command, payload, body, System.nanoTime());
    return run(queued, new StoredCommentMemory(stored, store), lease);
  }

  void run(QueuedCommand command) {
    run(command, CommentMemory.NONE, null);
  }

  private String run(QueuedCommand command, CommentMemory memory, DurableCommandQueue.Lease lease) {
    PullRequestCommand handler = command.command().handler();
    CommandRun run = new CommandRun(command, gitHub, reader, engine, renderer, rules);
    run.memory = memory;
    String outcome = "failed";
    try {
      running.add(run);
      if (lease != null) {
        lease.onLost(() -> {
          run.deadline.stop(CommandDeadline.LEASE_LOST); // Datadog writes stop at once
          // GitHub writes too, once one in flight is answered (not on the renewer's thread): the
          // command runs again from the start elsewhere, and its new owner writes the one answer.
          notices.execute(() -> run.close(CommandDeadline.LEASE_LOST));
        });
      }
      outcome = runWithin(run);
    } catch (Abandoned e) {
      outcome = "stopped"; // the worker itself was torn down, as in a kill: it says nothing, the command runs again
    } catch (Throwable e) {
      if (lease != null && !lease.held()) {
        // Not a failure to report: another attempt answers on the pull request (never two answers).
        outcome = "lease_lost";
        LOG.warn("delivery {}: {} stopped without a word: its lease was lost and it runs again",
            LogText.deliveryId(command.deliveryId()), handler.word());
      } else {
        outcome = e instanceof Stopped stopped ? stopped.outcome : "failed";
        report(run, e);
      }
    } finally {
      running.remove(run);
      Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
      metrics.command(handler.word(), outcome, took);
      log.command(command, outcome, took.toMillis());
    }
    return outcome;
  }

  /** Runs the command on its own thread, so that the worker can give up on it when its time is over. */
  private String runWithin(CommandRun run) throws Throwable {
    Future<String> work = runners.submit(() -> {
      run.deadline.enter();
      try {
        return execute(run);
      } finally {
        CommandDeadline.leave();
      }
    });
    run.work = work;
    try {
      return work.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (TimeoutException e) {
      String reason = "it ran out of time: limits.command_timeout is " + Durations.format(timeout);
      run.close(reason);
      work.cancel(true);
      throw new Stopped("timed_out", "ESM stopped this command because " + reason
          + ". Nothing more was written to Datadog after that.");
    } catch (InterruptedException e) {
      run.close("the service is stopping");
      work.cancel(true);
      Thread.currentThread().interrupt();
      throw new Abandoned();
    } catch (CancellationException e) {
      throw new Stopped("stopped", "ESM stopped this command because the service is shutting down"
          + " (a restart or a deploy). Nothing more was written to Datadog after that.");
    }
  }

  /** Shutting down: stops every running command (each then reports that it was stopped). */
  void stopRunning() {
    for (CommandRun run : running) {
      run.close("the service is shutting down");
      Future<String> work = run.work;
      if (work != null) {
        work.cancel(true);
      }
    }
  }

  /** A command that will not run: its repository's queue is full. */
  void notRun(QueuedCommand command, String outcome, String why) {
    PullRequestCommand handler = command.command().handler();
    try {
      GitHubFeedback feedback = feedback(command);
      feedback.comment(renderer.notRun(handler, why));
      feedback.react(Reaction.CONFUSED);
    } catch (Throwable e) {
      LOG.warn("delivery {}: could not say on the pull request that {} was not run: {}",
          LogText.deliveryId(command.deliveryId()), handler.word(), logged(e));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
    metrics.command(handler.word(), outcome, took);
    log.command(command, outcome, took.toMillis());
  }

  /** {@link #notRun} on another thread, for a caller that must not wait for GitHub. */
  void notRunLater(QueuedCommand command, String outcome, String why) {
    notices.execute(() -> notRun(command, outcome, why));
  }

  /** A waiting plan replaced by a newer plan of the same pull request: counted and logged, nothing posted. */
  void superseded(QueuedCommand command) {
    Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
    metrics.command(command.command().handler().word(), "superseded", took);
    log.command(command, "superseded", took.toMillis());
  }

  private GitHubFeedback feedback(QueuedCommand command) throws IOException {
    GitHub client = gitHub.forInstallation(command.payload().installationId());
    return GitHubFeedback.forDelivery(client, command.body(), gitHub::selfLogin, secrets::mask);
  }

  private String execute(CommandRun run) throws Exception {
    QueuedCommand command = run.queued;
    GitHubFeedback feedback = feedback(command).remembering(run.memory);
    run.feedback = feedback;
    try {
      run.write(() -> feedback.react(Reaction.EYES));
    } catch (EsmException e) {
      LOG.warn("delivery {}: could not add the 👀 reaction: {}", LogText.deliveryId(command.deliveryId()), logged(e));
    }
    return command.command().handler().run(run);
  }

  private void report(CommandRun run, Throwable e) {
    QueuedCommand command = run.queued;
    PullRequestCommand handler = command.command().handler();
    String id = LogText.deliveryId(command.deliveryId());
    String what;
    String status;
    if (e instanceof EsmException || e instanceof Stopped) {
      what = e.getMessage();
      status = what;
      LOG.warn("delivery {}: {} failed: {}", id, handler.word(), logged(e));
    } else {
      // Not a user's mistake nor a remote failure: the class is enough to find it; the message and
      // the stack may quote the input (a file outside the checkout, a secret), so neither is logged.
      what = "An unexpected error stopped it (" + e.getClass().getSimpleName() + "). The service log names it under delivery "
          + id + ".";
      status = "an unexpected " + e.getClass().getSimpleName();
      LOG.error("delivery {}: {} stopped by an unexpected {}", id, handler.word(), e.getClass().getName());
    }
    GitHubFeedback feedback = run.feedback;
    if (feedback == null) {
      try {
        feedback = feedback(command);
      } catch (Throwable again) {
        LOG.error("delivery {}: cannot tell {} on pull request #{} that the command failed: {}",
            id, LogText.message(command.repository()), command.pullRequest(), logged(again));
        return;
      }
    }
    if (!run.answered) {
      try {
        String body = renderer.failure(handler, what, !run.engineStarted);
        feedback.publish(List.of(body), ResultCommentRenderer.markerPattern(handler), handler.hidesOlderAnswers());
      } catch (Throwable again) {
        LOG.error("delivery {}: could not comment the failure either: {}", id, logged(again));
      }
    }
    if (run.headSha != null && handler instanceof SchemaCommand schema) {
      try {
        feedback.status(run.headSha, schema.statusContext(), State.FAILURE, "ESM could not finish: " + status, null);
      } catch (Throwable again) {
        LOG.warn("delivery {}: could not set the failure status: {}", id, logged(again));
      }
    }
    try {
      feedback.react(Reaction.CONFUSED);
    } catch (Throwable again) {
      LOG.warn("delivery {}: could not add the 😕 reaction: {}", id, logged(again));
    }
  }

  /** An exception as one safe log field: its message for ESM's own, the class otherwise. */
  private String logged(Throwable e) {
    String text = e instanceof EsmException || e instanceof Stopped ? e.getMessage() : e.getClass().getName();
    return LogText.message(secrets.mask(text));
  }

  /** The worker running the command was interrupted (the queue halted): the command is left to run again. */
  private static final class Abandoned extends Exception {
    Abandoned() {
      super(null, null, false, false);
    }
  }

  /** The command was stopped before it finished; the message is shown on the pull request. */
  private static final class Stopped extends Exception {
    final String outcome;

    Stopped(String outcome, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
    }
  }
}
