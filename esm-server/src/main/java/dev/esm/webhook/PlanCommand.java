package dev.esm.webhook;

import dev.esm.github.PullRequestSnapshot;

/** {@code esm plan}: what registering would do; changes nothing. */
final class PlanCommand extends SchemaCommand {

  PlanCommand() {
    super("plan");
  }

  @Override
  String description() {
    return "Shows what registering this pull request would create, update and delete in Datadog. Changes nothing.";
  }

  @Override
  boolean hidesOlderAnswers() {
    return true;
  }

  @Override
  String pendingDescription() {
    return "Planning the changed schemas…";
  }

  @Override
  String doneVerb() {
    return "Planned";
  }

  @Override
  String successOutcome() {
    return "planned";
  }

  @Override
  CommandResult runEngine(CommandRun run, PullRequestSnapshot snapshot) {
    return run.engine.plan(snapshot);
  }
}
