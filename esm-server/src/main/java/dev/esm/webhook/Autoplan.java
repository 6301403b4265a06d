package dev.esm.webhook;

import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.github.CheckedOutPullRequest;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.GitHubFeedback.State;
import dev.esm.github.PullRequestChecks;
import dev.esm.github.PullRequestReader;
import dev.esm.github.PullRequestSnapshot;
import java.net.URL;
import java.util.List;
import org.kohsuke.github.GHPullRequest;

/**
 * Plans a pull request on push, never writing to Datadog. As a GitHub App, the check run
 * {@code esm plan} on the head ({@link CheckRunReporter}); with a token, the commit status
 * {@code esm/plan} and ESM's one plan comment, edited in place. Nothing when the pull request
 * changes no schema; nothing published when a newer head arrived meanwhile.
 */
final class Autoplan {

  private final PullRequestReader reader;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;

  Autoplan(PullRequestReader reader, CommandEngine engine, ResultCommentRenderer renderer) {
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
  }

  String run(GitHubFeedback feedback, WebhookPayload payload, boolean asApp, PullRequestEvents events) throws Exception {
    String repository = payload.repositoryName();
    int number = payload.pullRequest().number();
    GHPullRequest pr = PullRequestChecks.pullRequest(feedback.repository(), number);
    if (!pr.getHead().getSha().equals(payload.pullRequest().headSha())) {
      return "stale"; // a newer push is on its way: its own autoplan follows
    }
    String author = payload.pullRequest().user() == null ? null : payload.pullRequest().user().login();
    // The file list first: a pull request that changes no schema costs no download.
    try (CheckedOutPullRequest checkout = reader.readChangingSchemas(feedback.repository(), pr, author)) {
      if (checkout == null) {
        return "no_schemas";
      }
      PullRequestSnapshot snapshot = checkout.snapshot();
      String head = snapshot.headSha();
      CheckRunReporter checkRun = asApp ? CheckRunReporter.start(feedback, head) : null;
      if (checkRun == null) {
        feedback.status(head, Commands.PLAN.statusContext(), State.PENDING, Commands.PLAN.pendingDescription(), null);
      }
      CommandResult result;
      try {
        result = engine.plan(snapshot);
      } catch (InvalidInputException e) {
        result = CommandResult.invalid(e.diagnostics());
      }
      if (!events.isNewest(repository, number, head)) {
        if (checkRun != null) {
          checkRun.superseded();
        }
        return "superseded";
      }
      boolean ok = CheckRunReporter.succeeded(result);
      if (checkRun != null) {
        checkRun.complete(snapshot, result, renderer);
      } else {
        List<String> parts = renderer.result(Commands.PLAN, snapshot, result);
        URL url = feedback.publish(parts, ResultCommentRenderer.markerPattern(Commands.PLAN), true);
        feedback.status(head, Commands.PLAN.statusContext(), ok ? State.SUCCESS : State.FAILURE,
            CheckRunReporter.title(result), url);
      }
      return result.isInvalid() ? "invalid" : ok ? "planned" : "failed_plan";
    }
  }
}
