package dev.esm.webhook;

/** {@code esm help}, and the answer to any {@code esm} word ESM does not know. */
final class HelpCommand extends PullRequestCommand {

  HelpCommand() {
    super("help");
  }

  @Override
  String description() {
    return "Shows this message.";
  }

  @Override
  String run(CommandRun run) throws Exception {
    run.write(() -> run.feedback.comment(run.renderer.help(run.command())));
    run.answered = true;
    return "help";
  }
}
