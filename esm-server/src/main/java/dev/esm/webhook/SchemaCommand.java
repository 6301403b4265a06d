package dev.esm.webhook;

import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.github.CheckedOutPullRequest;
import dev.esm.github.GitHubFeedback.Reaction;
import dev.esm.github.GitHubFeedback.State;
import dev.esm.github.PullRequestSnapshot;
import java.net.URL;
import java.util.List;

/**
 * A command that reads the pull request's changed schemas and runs the engine on them: a pending
 * commit status, the engine, the result comment, the final status, then 🚀 or 😕.
 */
abstract class SchemaCommand extends PullRequestCommand {

  SchemaCommand(String word) {
    super(word);
  }

  /** The pending status's description. */
  abstract String pendingDescription();

  /** The verb of the result comment's intro, e.g. {@code Planned} (the schemas changed by #42). */
  abstract String doneVerb();

  /** The outcome of a run where every monitor went well. */
  abstract String successOutcome();

  abstract CommandResult runEngine(CommandRun run, PullRequestSnapshot snapshot);

  /** The commit status context, e.g. {@code esm/plan}. */
  final String statusContext() {
    return "esm/" + word();
  }

  @Override
  String run(CommandRun run) throws Exception {
    QueuedCommand command = run.queued;
    try (CheckedOutPullRequest checkout = run.pullRequest != null
        ? run.reader.read(run.feedback.repository(), run.pullRequest, command.commenter())
        : run.reader.read(run.feedback.repository(), command.pullRequest(), command.commenter(), sha -> run.headSha = sha)) {
      PullRequestSnapshot snapshot = checkout.snapshot();
      run.headSha = snapshot.headSha();
      run.write(() -> run.feedback.status(snapshot.headSha(), statusContext(), State.PENDING, pendingDescription(), null));

      run.engineStarted = true;
      CommandResult result;
      try {
        result = runEngine(run, snapshot);
      } catch (InvalidInputException e) {
        result = CommandResult.invalid(e.diagnostics());
      }
      if (result == null) {
        throw new IllegalStateException("the engine returned no result");
      }

      List<String> parts = run.renderer.result(this, snapshot, result);
      URL url = run.write(() -> run.feedback.publish(parts, ResultCommentRenderer.markerPattern(this), hidesOlderAnswers()));
      run.answered = true;
      boolean ok = result.succeeded();
      String description = ResultCommentRenderer.statusDescription(this, result);
      run.write(() -> run.feedback.status(snapshot.headSha(), statusContext(), ok ? State.SUCCESS : State.FAILURE,
          description, url));
      run.write(() -> run.feedback.react(ok ? Reaction.ROCKET : Reaction.CONFUSED));
      if (result.isInvalid()) {
        return "invalid";
      }
      return ok ? successOutcome() : "partial";
    }
  }
}
