package dev.esm.webhook;

/**
 * A command ESM answers on a pull request, one class per command (listed in
 * {@link Commands#ALL}): adding a command is adding a class. The processor around it adds the 👀
 * reaction and reports any failure; the command does the rest through {@link CommandRun}.
 */
abstract class PullRequestCommand {

  private final String word;

  PullRequestCommand(String word) {
    this.word = word;
  }

  /** The word after {@code esm} on the comment's first line. */
  final String word() {
    return word;
  }

  /** What it does, for the help table. */
  abstract String description();

  /** True when it may change Datadog: a failure then cannot promise that nothing changed. */
  boolean writesToDatadog() {
    return false;
  }

  /** True when its newest answer replaces (hides) the older ones on the pull request. */
  boolean hidesOlderAnswers() {
    return false;
  }

  /**
   * Answers the comment.
   *
   * @return the outcome, for the log and the metrics ({@code planned}, {@code refused}, …)
   */
  abstract String run(CommandRun run) throws Exception;
}
