package dev.esm.webhook;

import dev.esm.core.compat.Incompatibility;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.github.CheckAnnotation;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.PullRequestSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The check run {@code esm plan} of one head commit (GitHub App only): in progress while ESM
 * plans, then completed with the plan table as its summary, the counts as its title, and one
 * annotation per error, warning and incompatible change at its {@code .avdl} line.
 */
final class CheckRunReporter {

  private final GitHubFeedback feedback;
  private final long id;

  private CheckRunReporter(GitHubFeedback feedback, long id) {
    this.feedback = feedback;
    this.id = id;
  }

  static CheckRunReporter start(GitHubFeedback feedback, String headSha) {
    return new CheckRunReporter(feedback, feedback.startCheckRun(headSha, AutoplanNames.CHECK_RUN));
  }

  /** A newer push arrived while planning: this run's result is not published. */
  void superseded() {
    feedback.completeCheckRun(id, "cancelled", "Superseded by a newer push",
        "A newer commit was pushed while ESM planned this one; see the `esm plan` check of the newest commit.", List.of());
  }

  void complete(PullRequestSnapshot pr, CommandResult result, ResultCommentRenderer renderer) {
    boolean ok = succeeded(result);
    feedback.completeCheckRun(id, ok ? "success" : "failure", title(result), summary(pr, result, renderer),
        annotations(pr, result));
  }

  /** Success unless a schema is invalid, a monitor could not be planned, or a compatibility rule is broken. */
  static boolean succeeded(CommandResult result) {
    return result.succeeded() && result.compatibility().report().incompatibilities().isEmpty();
  }

  static String title(CommandResult result) {
    String title = ResultCommentRenderer.statusDescription(Commands.PLAN, result);
    int incompatible = result.compatibility().report().incompatibilities().size();
    if (!result.isInvalid() && incompatible > 0 && !result.compatibility().blocks()) {
      title += "; " + incompatible + (incompatible == 1 ? " incompatible schema change" : " incompatible schema changes");
    }
    return title;
  }

  /** The plan comment's text without ESM's hidden markers: the same table. */
  static String summary(PullRequestSnapshot pr, CommandResult result, ResultCommentRenderer renderer) {
    StringBuilder out = new StringBuilder();
    for (String part : renderer.result(Commands.PLAN, pr, result)) {
      part.lines().filter(line -> !line.startsWith("<!-- esm:")).forEach(line -> out.append(line).append('\n'));
    }
    return out.toString().strip() + "\n";
  }

  static List<CheckAnnotation> annotations(PullRequestSnapshot pr, CommandResult result) {
    List<CheckAnnotation> annotations = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      if (d.file() != null) {
        annotations.add(new CheckAnnotation(path(pr, d.file()), Math.max(1, d.line()), d.isError(), d.message().strip()));
      }
    }
    for (Incompatibility i : result.compatibility().report().incompatibilities()) {
      if (i.file() != null) {
        annotations.add(new CheckAnnotation(path(pr, i.file()), Math.max(1, i.line()), true, i.message()));
      }
    }
    return annotations;
  }

  private static String path(PullRequestSnapshot pr, Path file) {
    return ResultCommentRenderer.location(pr, file)[0];
  }
}
