package dev.esm.webhook;

import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.PullRequestReader;

/**
 * One command being answered: the comment, where to answer, the services a command uses, and
 * how far it got (so that a failure is reported truthfully).
 */
final class CommandRun {

  final QueuedCommand queued;
  final GitHubFeedback feedback;
  final GitHubClients gitHub;
  final PullRequestReader reader;
  final CommandEngine engine;
  final ResultCommentRenderer renderer;

  /** The head commit, once read: a failure sets its status. */
  String headSha;
  /** True once the engine ran: Datadog may have changed. */
  boolean engineStarted;
  /** True once the answer is on the pull request: a failure adds no second one. */
  boolean answered;

  CommandRun(QueuedCommand queued, GitHubFeedback feedback, GitHubClients gitHub, PullRequestReader reader,
      CommandEngine engine, ResultCommentRenderer renderer) {
    this.queued = queued;
    this.feedback = feedback;
    this.gitHub = gitHub;
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
  }

  Command command() {
    return queued.command();
  }
}
