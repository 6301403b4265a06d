package dev.esm.webhook;

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
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command on a worker: 👀, the permission gate for {@code register}, reading the pull
 * request, the engine, the result comment, the commit status, then 🚀 or 😕. Any failure ends in
 * a comment saying what happened. Logs one line per command.
 */
final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  static final Logger DELIVERIES = LoggerFactory.getLogger("dev.esm.webhook.deliveries");

  private final GitHubClients gitHub;
  private final PullRequestReader reader;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;
  private final WebhookMetrics metrics;

  CommandProcessor(GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, WebhookMetrics metrics) {
    this.gitHub = gitHub;
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
    this.metrics = metrics;
  }

  /** Where a command got to, so that a failure is reported truthfully. */
  private static final class Progress {
    GitHubFeedback feedback;
    String headSha;
    boolean engineStarted;
    boolean finished;
  }

  void run(QueuedCommand command) {
    Command.Kind kind = command.command().kind();
    Progress progress = new Progress();
    String outcome;
    try {
      outcome = execute(command, progress);
    } catch (Exception e) {
      outcome = "failed";
      report(command, progress, e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - command.acceptedNanos());
    metrics.command(kind, outcome, took);
    logDelivery(command.deliveryId(), "issue_comment", command.repository(), command.pullRequest(), kind.word(),
        command.commenter(), outcome, took.toMillis());
  }

  private String execute(QueuedCommand command, Progress progress) throws Exception {
    Command.Kind kind = command.command().kind();
    GitHub client = gitHub.forInstallation(command.payload().installationId());
    GitHubFeedback feedback = GitHubFeedback.forDelivery(client, command.body(), gitHub::selfLogin);
    progress.feedback = feedback;
    try {
      feedback.react(Reaction.EYES);
    } catch (EsmException e) {
      LOG.warn("delivery {}: could not add the 👀 reaction: {}", command.deliveryId(), e.getMessage());
    }

    if (kind == Command.Kind.HELP) {
      feedback.comment(renderer.help(command.command()));
      progress.finished = true;
      return "help";
    }
    if (kind == Command.Kind.REGISTER && !Permissions.canWrite(gitHub, command.payload().installationId(),
        feedback.repository().getFullName(), command.commenter())) {
      feedback.comment(renderer.refusal(command.commenter(), command.repository()));
      progress.finished = true;
      feedback.react(Reaction.CONFUSED);
      return "refused";
    }

    String context = "esm/" + kind.word();
    try (CheckedOutPullRequest checkout =
        reader.read(feedback.repository(), command.pullRequest(), command.commenter())) {
      PullRequestSnapshot snapshot = checkout.snapshot();
      progress.headSha = snapshot.headSha();
      feedback.status(snapshot.headSha(), context, State.PENDING,
          kind == Command.Kind.PLAN ? "Planning the changed schemas…" : "Registering the changed schemas…", null);

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

      List<String> parts = renderer.result(kind, snapshot, result);
      URL url = feedback.publish(parts, ResultCommentRenderer.markerPattern(kind), kind == Command.Kind.PLAN);
      progress.finished = true;
      boolean ok = result.succeeded();
      feedback.status(snapshot.headSha(), context, ok ? State.SUCCESS : State.FAILURE,
          ResultCommentRenderer.statusDescription(kind, result), url);
      feedback.react(ok ? Reaction.ROCKET : Reaction.CONFUSED);
      if (result.isInvalid()) {
        return "invalid";
      }
      return ok ? (kind == Command.Kind.PLAN ? "planned" : "registered") : "partial";
    }
  }

  private void report(QueuedCommand command, Progress progress, Exception e) {
    Command.Kind kind = command.command().kind();
    String what;
    if (e instanceof EsmException esm) {
      what = esm.getMessage();
      LOG.warn("delivery {}: {} failed: {}", command.deliveryId(), kind.word(), esm.getMessage());
    } else {
      what = "An unexpected error stopped it (" + e.getClass().getSimpleName() + "). The service log has the details under delivery "
          + command.deliveryId() + ".";
      LOG.error("delivery {}: {} failed", command.deliveryId(), kind.word(), e);
    }
    GitHubFeedback feedback = progress.feedback;
    if (feedback == null) {
      LOG.error("delivery {}: cannot tell {} on pull request #{} that the command failed: {}",
          command.deliveryId(), command.repository(), command.pullRequest(), what);
      return;
    }
    if (!progress.finished) {
      try {
        String body = renderer.failure(kind, what, !progress.engineStarted);
        feedback.publish(List.of(body), ResultCommentRenderer.markerPattern(kind), kind == Command.Kind.PLAN);
      } catch (RuntimeException again) {
        LOG.error("delivery {}: could not comment the failure either: {}", command.deliveryId(), again.getMessage());
      }
    }
    if (progress.headSha != null) {
      try {
        feedback.status(progress.headSha, "esm/" + kind.word(), State.FAILURE, "ESM could not finish: " + what, null);
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

  static void logDelivery(String deliveryId, String event, String repository, Integer pullRequest, String command,
      String commenter, String outcome, long durationMs) {
    DELIVERIES.info("delivery={} event={} repository={} pr={} command={} commenter={} outcome={} duration_ms={}",
        deliveryId, event, dash(repository), pullRequest == null ? "-" : pullRequest, dash(command), dash(commenter),
        outcome, durationMs);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
