package dev.esm.webhook;

import dev.esm.github.GitHubFeedback.Reaction;
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
      run.write(() -> run.feedback.comment(run.renderer.refusal(command.commenter(), command.repository())));
      run.answered = true;
      run.write(() -> run.feedback.react(Reaction.CONFUSED));
      return "refused";
    }
    return super.run(run);
  }

  @Override
  CommandResult runEngine(CommandEngine engine, PullRequestSnapshot snapshot) {
    return engine.register(snapshot);
  }
}
