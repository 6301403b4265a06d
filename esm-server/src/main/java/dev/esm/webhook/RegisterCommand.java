package dev.esm.webhook;

import dev.esm.github.GitHubFeedback.Reaction;
import dev.esm.github.GitHubFeedback.State;
import dev.esm.github.PullRequestChecks;
import java.net.URL;
import java.util.List;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import dev.esm.github.Permissions;
import dev.esm.github.PullRequestSnapshot;

/** {@code esm register}: makes Datadog match the changed schemas; needs write access. */
final class RegisterCommand extends SchemaCommand {

  RegisterCommand() {
    super("register");
  }

  @Override
  String description() {
    return "Makes Datadog's monitors match the annotations of the schemas this pull request changes. Needs write access to the repository.";
  }

  @Override
  boolean writesToDatadog() {
    return true;
  }

  @Override
  String pendingDescription() {
    return "Registering the changed schemas…";
  }

  @Override
  String doneVerb() {
    return "Registered";
  }

  @Override
  String successOutcome() {
    return "registered";
  }

  @Override
  String run(CommandRun run) throws Exception {
    QueuedCommand command = run.queued;
    if (!Permissions.canWrite(run.gitHub, command.payload().installationId(), run.feedback.repository().getFullName(),
        command.commenter())) {
      return refuse(run, run.renderer.refusal(command.commenter(), command.repository()), "refused");
    }
    if (!run.rules.register().onComment()) {
      return refuse(run, run.renderer.registersOnMerge(command.pullRequest()), "on-merge");
    }
    GHPullRequest pr = PullRequestChecks.pullRequest(run.feedback.repository(), command.pullRequest());
    run.pullRequest = pr;
    run.headSha = pr.getHead().getSha();
    if (pr.getState() == GHIssueState.CLOSED) {
      return refuse(run, run.renderer.closedRefusal(command.pullRequest(), pr.isMerged()), "closed");
    }
    List<String> unmet = run.rules.requirements().unmet(run.rules.register().requires(), run.feedback.repository(), pr);
    if (!unmet.isEmpty()) {
      String headSha = pr.getHead().getSha();
      URL url = run.write(() -> run.feedback.comment(run.renderer.unmetRequirements(command.pullRequest(), unmet)));
      run.answered = true;
      run.write(() -> run.feedback.status(headSha, statusContext(), State.FAILURE,
          "Not registered: unmet " + String.join(", ", unmet), url));
      run.write(() -> run.feedback.react(Reaction.CONFUSED));
      return "unmet";
    }
    return super.run(run);
  }

  private static String refuse(CommandRun run, String comment, String outcome) {
    run.write(() -> run.feedback.comment(comment));
    run.answered = true;
    run.write(() -> run.feedback.react(Reaction.CONFUSED));
    return outcome;
  }

  @Override
  CommandResult runEngine(CommandRun run, PullRequestSnapshot snapshot) {
    return run.engine.register(snapshot, PullRequestChecks.openness(run.feedback.repository()));
  }
}
