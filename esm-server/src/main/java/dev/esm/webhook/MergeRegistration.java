package dev.esm.webhook;

import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.github.CheckedOutPullRequest;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.GitHubFeedback.State;
import dev.esm.github.PullRequestChecks;
import dev.esm.github.PullRequestReader;
import dev.esm.github.PullRequestSnapshot;
import java.net.URL;
import org.kohsuke.github.GHPullRequest;

/**
 * {@code register.on: merge | both}: a merged pull request that changes schemas is registered as
 * its changed files are in the merge commit; the answer is the usual register comment, and the
 * status {@code esm/register} goes on the merge commit.
 */
final class MergeRegistration {

  private final PullRequestReader reader;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;

  MergeRegistration(PullRequestReader reader, CommandEngine engine, ResultCommentRenderer renderer) {
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
  }

  String run(GitHubFeedback feedback, WebhookPayload payload) throws Exception {
    WebhookPayload.PullRequest merged = payload.pullRequest();
    String mergeSha = merged.mergeCommitSha();
    GHPullRequest pr = PullRequestChecks.pullRequest(feedback.repository(), merged.number());
    WebhookPayload.User who = merged.mergedBy() != null ? merged.mergedBy() : merged.user();
    try (CheckedOutPullRequest checkout = reader.readChangingSchemas(feedback.repository(), pr,
        who == null ? null : who.login(), mergeSha)) {
      if (checkout == null) {
        return "no_schemas";
      }
      PullRequestSnapshot snapshot = checkout.snapshot();
      SchemaCommand register = Commands.REGISTER;
      feedback.status(mergeSha, register.statusContext(), State.PENDING, register.pendingDescription(), null);
      CommandResult result;
      try {
        result = engine.register(snapshot, PullRequestChecks.openness(feedback.repository()));
      } catch (InvalidInputException e) {
        result = CommandResult.invalid(e.diagnostics());
      }
      URL url = feedback.publish(renderer.result(register, snapshot, result), ResultCommentRenderer.markerPattern(register),
          register.hidesOlderAnswers());
      feedback.status(mergeSha, register.statusContext(), result.succeeded() ? State.SUCCESS : State.FAILURE,
          ResultCommentRenderer.statusDescription(register, result), url);
      return result.isInvalid() ? "invalid" : result.succeeded() ? "registered" : "partial";
    }
  }
}
