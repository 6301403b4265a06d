package dev.esm.webhook;

import dev.esm.core.config.Durations;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.github.CheckedOutPullRequest;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.GitHubFeedback.Reaction;
import dev.esm.github.GitHubFeedback.State;
import dev.esm.github.Permissions;
import dev.esm.github.PullRequestReader;
import dev.esm.github.PullRequestSnapshot;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command on a worker: 👀, the permission gate for {@code register}, reading the pull
 * request, the engine, the result comment, the commit status, then 🚀 or 😕. Whatever happens
 * (an error, a Java {@link Error}, running out of {@code limits.command_timeout}, a shutdown),
 * the command ends in a comment, a final status (once one was set) and a metric. Logs one line
 * per command.
 */
final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  static final Logger DELIVERIES = LoggerFactory.getLogger("dev.esm.webhook.deliveries");

  private final GitHubClients gitHub;
  private final PullRequestReader reader;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;
  private final WebhookMetrics metrics;
  private final Duration timeout;
  private final SecretMasker secrets;
  private final Set<Progress> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService runners = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "esm-command-run-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private final ExecutorService notices = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "esm-notices");
    t.setDaemon(true);
    return t;
  });

  CommandProcessor(GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, WebhookMetrics metrics) {
    this(gitHub, reader, engine, renderer, metrics, dev.esm.core.config.Limits.DEFAULT.commandTimeout(), SecretMasker.NONE);
  }

  CommandProcessor(GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, WebhookMetrics metrics, Duration timeout, SecretMasker secrets) {
    this.gitHub = gitHub;
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
    this.metrics = metrics;
    this.timeout = timeout;
    this.secrets = secrets;
  }

  /**
   * Where a command got to, so that a failure is reported truthfully; and the gate of its GitHub
   * writes, closed once the command was stopped, so that a command still running past its time
   * writes nothing more.
   */
  private static final class Progress {
    final CommandDeadline deadline = new CommandDeadline();
    volatile GitHubFeedback feedback;
    volatile String headSha;
    volatile boolean engineStarted;
    volatile boolean finished;
    volatile Future<String> work;
    private boolean closed;

    synchronized <T> T write(java.util.function.Supplier<T> call) {
      if (closed) {
        throw new CommandDeadline.Stopped("the command was stopped");
      }
      return call.get();
    }

    void write(Runnable call) {
      write(() -> {
        call.run();
        return null;
      });
    }

    /** Closes the gate: after this returns, the command's own thread writes nothing more. */
    synchronized void close(String reason) {
      closed = true;
      deadline.stop(reason);
    }
  }

  void run(QueuedCommand command) {
    Command.Kind kind = command.command().kind();
    Progress progress = new Progress();
    String outcome = "failed";
    try {
      running.add(progress);
      outcome = runWithin(command, progress);
    } catch (Throwable e) {
      outcome = e instanceof Stopped stopped ? stopped.outcome : "failed";
      report(command, progress, e);
    } finally {
      running.remove(progress);
      Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
      metrics.command(kind, outcome, took);
      logDelivery(command.deliveryId(), "issue_comment", command.repository(), command.pullRequest(), kind.word(),
          command.commenter(), outcome, took.toMillis());
    }
  }

  /** Runs the command on its own thread, so that the worker can give up on it when its time is over. */
  private String runWithin(QueuedCommand command, Progress progress) throws Throwable {
    Future<String> work = runners.submit(() -> {
      progress.deadline.enter();
      try {
        return execute(command, progress);
      } finally {
        CommandDeadline.leave();
      }
    });
    progress.work = work;
    try {
      return work.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (TimeoutException e) {
      String reason = "it ran out of time: limits.command_timeout is " + Durations.format(timeout);
      progress.close(reason);
      work.cancel(true);
      throw new Stopped("timed_out", "ESM stopped this command because " + reason
          + ". Nothing more was written to Datadog after that.");
    } catch (CancellationException e) {
      throw new Stopped("stopped", "ESM stopped this command because the service is shutting down"
          + " (a restart or a deploy). Nothing more was written to Datadog after that.");
    }
  }

  /** Shutting down: stops every running command (each then reports that it was stopped). */
  void stopRunning() {
    for (Progress progress : running) {
      progress.close("the service is shutting down");
      Future<String> work = progress.work;
      if (work != null) {
        work.cancel(true);
      }
    }
  }

  /** A command that will not run: the queue stopped before it started, or its repository's queue is full. */
  void notRun(QueuedCommand command, String outcome, String why) {
    Command.Kind kind = command.command().kind();
    try {
      GitHubFeedback feedback = feedback(command);
      feedback.comment(renderer.notRun(kind, why));
      feedback.react(Reaction.CONFUSED);
    } catch (Throwable e) {
      LOG.warn("delivery {}: could not say on the pull request that {} was not run: {}", LogText.deliveryId(command.deliveryId()),
          kind.word(), logged(e));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
    metrics.command(kind, outcome, took);
    logDelivery(command.deliveryId(), "issue_comment", command.repository(), command.pullRequest(), kind.word(),
        command.commenter(), outcome, took.toMillis());
  }

  /** {@link #notRun} on another thread, for a caller that must not wait for GitHub. */
  void notRunLater(QueuedCommand command, String outcome, String why) {
    notices.execute(() -> notRun(command, outcome, why));
  }

  /** A waiting plan replaced by a newer plan of the same pull request: counted and logged, nothing posted. */
  void superseded(QueuedCommand command) {
    Command.Kind kind = command.command().kind();
    Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
    metrics.command(kind, "superseded", took);
    logDelivery(command.deliveryId(), "issue_comment", command.repository(), command.pullRequest(), kind.word(),
        command.commenter(), "superseded", took.toMillis());
  }

  private GitHubFeedback feedback(QueuedCommand command) throws java.io.IOException {
    GitHub client = gitHub.forInstallation(command.payload().installationId());
    return GitHubFeedback.forDelivery(client, command.body(), gitHub::selfLogin, secrets::mask);
  }

  private String execute(QueuedCommand command, Progress progress) throws Exception {
    Command.Kind kind = command.command().kind();
    GitHubFeedback feedback = feedback(command);
    progress.feedback = feedback;
    try {
      progress.write(() -> feedback.react(Reaction.EYES));
    } catch (EsmException e) {
      LOG.warn("delivery {}: could not add the 👀 reaction: {}", LogText.deliveryId(command.deliveryId()), logged(e));
    }

    if (kind == Command.Kind.HELP) {
      progress.write(() -> feedback.comment(renderer.help(command.command())));
      progress.finished = true;
      return "help";
    }
    if (kind == Command.Kind.REGISTER && !Permissions.canWrite(feedback.repository(), command.commenter())) {
      progress.write(() -> feedback.comment(renderer.refusal(command.commenter(), command.repository())));
      progress.finished = true;
      progress.write(() -> feedback.react(Reaction.CONFUSED));
      return "refused";
    }

    String context = "esm/" + kind.word();
    try (CheckedOutPullRequest checkout =
        reader.read(feedback.repository(), command.pullRequest(), command.commenter(), sha -> progress.headSha = sha)) {
      PullRequestSnapshot snapshot = checkout.snapshot();
      progress.headSha = snapshot.headSha();
      progress.write(() -> feedback.status(snapshot.headSha(), context, State.PENDING,
          kind == Command.Kind.PLAN ? "Planning the changed schemas…" : "Registering the changed schemas…", null));

      progress.engineStarted = true;
      CommandResult result;
      try {
        result = kind == Command.Kind.PLAN ? engine.plan(snapshot) : engine.register(snapshot);
      } catch (InvalidInputException e) {
        result = CommandResult.invalid(e.diagnostics());
      }
      if (result == null) {
        throw new IllegalStateException("the engine returned no result");
      }

      CommandResult done = result;
      List<String> parts = renderer.result(kind, snapshot, done);
      URL url = progress.write(() -> feedback.publish(parts, ResultCommentRenderer.markerPattern(kind), kind == Command.Kind.PLAN));
      progress.finished = true;
      boolean ok = done.succeeded();
      progress.write(() -> feedback.status(snapshot.headSha(), context, ok ? State.SUCCESS : State.FAILURE,
          ResultCommentRenderer.statusDescription(kind, done), url));
      progress.write(() -> feedback.react(ok ? Reaction.ROCKET : Reaction.CONFUSED));
      if (result.isInvalid()) {
        return "invalid";
      }
      return ok ? (kind == Command.Kind.PLAN ? "planned" : "registered") : "partial";
    }
  }

  private void report(QueuedCommand command, Progress progress, Throwable e) {
    Command.Kind kind = command.command().kind();
    String id = LogText.deliveryId(command.deliveryId());
    String what;
    String status;
    if (e instanceof EsmException || e instanceof Stopped) {
      what = e.getMessage();
      status = what;
      LOG.warn("delivery {}: {} failed: {}", id, kind.word(), logged(e));
    } else {
      // Not a user's mistake nor a remote failure: the class is enough to find it; the message and
      // the stack may quote the input (a file outside the checkout, a secret), so neither is logged.
      what = "An unexpected error stopped it (" + e.getClass().getSimpleName() + "). The service log names it under delivery "
          + id + ".";
      status = "an unexpected " + e.getClass().getSimpleName();
      LOG.error("delivery {}: {} stopped by an unexpected {}", id, kind.word(), e.getClass().getName());
    }
    GitHubFeedback feedback = progress.feedback;
    if (feedback == null) {
      try {
        feedback = feedback(command);
      } catch (Throwable again) {
        LOG.error("delivery {}: cannot tell {} on pull request #{} that the command failed: {}",
            id, LogText.message(command.repository()), command.pullRequest(), logged(again));
        return;
      }
    }
    if (!progress.finished) {
      try {
        String body = renderer.failure(kind, what, !progress.engineStarted);
        feedback.publish(List.of(body), ResultCommentRenderer.markerPattern(kind), kind == Command.Kind.PLAN);
      } catch (Throwable again) {
        LOG.error("delivery {}: could not comment the failure either: {}", id, logged(again));
      }
    }
    if (progress.headSha != null) {
      try {
        feedback.status(progress.headSha, "esm/" + kind.word(), State.FAILURE, "ESM could not finish: " + status, null);
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

  /** The command was stopped before it finished; the message is shown on the pull request. */
  private static final class Stopped extends Exception {
    final String outcome;

    Stopped(String outcome, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
    }
  }

  static void logDelivery(String deliveryId, String event, String repository, Integer pullRequest, String command,
      String commenter, String outcome, long durationMs) {
    DELIVERIES.info("delivery={} event={} repository={} pr={} command={} commenter={} outcome={} duration_ms={}",
        LogText.deliveryId(deliveryId), LogText.message(event), dash(repository), pullRequest == null ? "-" : pullRequest,
        dash(command), dash(commenter), outcome, durationMs);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : LogText.message(s);
  }
}
