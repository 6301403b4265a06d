package dev.esm.webhook;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.github.CheckedOutPullRequest;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.DefaultBranchReader.CheckedOutBranch;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.PullRequestChecks;
import dev.esm.github.PullRequestReader;
import dev.esm.github.PullRequestSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

/**
 * {@code register.restore_on_close}: a pull request closed without merging gives its events back.
 * The events of the files it changed (base and head) are set back to what the default branch
 * declares, except those another pull request registered last (the core's
 * {@link dev.esm.core.workspace.Reconciler#planRestore} decides); a comment lists what was done,
 * and nothing is said when nothing needed restoring. No commit status: there is no commit to
 * judge.
 */
final class CloseRestoration {

  private final PullRequestReader reader;
  private final DefaultBranchReader branches;
  private final CommandEngine engine;
  private final ResultCommentRenderer renderer;

  CloseRestoration(PullRequestReader reader, DefaultBranchReader branches, CommandEngine engine,
      ResultCommentRenderer renderer) {
    this.reader = reader;
    this.branches = branches;
    this.engine = engine;
    this.renderer = renderer;
  }

  String run(GitHubFeedback feedback, WebhookPayload payload) throws Exception {
    GHPullRequest pr = PullRequestChecks.pullRequest(feedback.repository(), payload.pullRequest().number());
    if (pr.getState() != GHIssueState.CLOSED || pr.isMerged()) {
      return "reopened"; // reopened (or merged) since: it keeps what it registered
    }
    try (CheckedOutPullRequest checkout = reader.readChangingSchemas(feedback.repository(), pr, null)) {
      if (checkout == null) {
        return "no_schemas";
      }
      PullRequestSnapshot snapshot = checkout.snapshot();
      CommandResult result;
      try (CheckedOutBranch branch = branches.read(feedback.repository())) {
        try {
          result = engine.restore(snapshot, branch.root());
        } catch (InvalidInputException e) {
          feedback.comment(renderer.restoreFailed(snapshot, "The schemas of `" + snapshot.defaultBranch()
              + "` are invalid:\n\n" + errors(branch.root(), e.diagnostics()), true));
          return "invalid";
        }
      } catch (CommandDeadline.Stopped e) {
        throw e;
      } catch (EsmException e) {
        feedback.comment(renderer.restoreFailed(snapshot, e.getMessage(), false));
        return "failed";
      }
      if (result.rows().isEmpty()) {
        return "nothing_to_restore";
      }
      feedback.publish(renderer.restored(snapshot, result), ResultCommentRenderer.markerPattern("restore"), false);
      return result.succeeded() ? "restored" : "partial";
    }
  }

  /** The default branch's errors, each {@code path:line: message} (paths as in the repository). */
  private static String errors(Path root, List<Diagnostic> diagnostics) {
    Path base = root.toAbsolutePath().normalize();
    return diagnostics.stream().filter(Diagnostic::isError).sorted(Diagnostic.ORDER).map(d -> {
      String where = "";
      if (d.file() != null) {
        Path file = d.file().toAbsolutePath().normalize();
        where = (file.startsWith(base) ? base.relativize(file) : file.getFileName()).toString().replace('\\', '/')
            + (d.line() > 0 ? ":" + d.line() : "") + ": ";
      }
      return "- `" + where + d.message().strip().replace("`", "'").replace("\n", " ") + "`";
    }).collect(Collectors.joining("\n"));
  }
}
