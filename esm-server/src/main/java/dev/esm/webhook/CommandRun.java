package dev.esm.webhook;

import dev.esm.github.CommentMemory;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.PullRequestReader;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One command being answered: the comment, where to answer, the services a command uses, how far
 * it got (so that a failure is reported truthfully), and the gate of its GitHub writes, closed
 * once the command was stopped, so that a command still running past its time writes nothing more.
 */
final class CommandRun {

  final QueuedCommand queued;
  final GitHubClients gitHub;
  final PullRequestReader reader;
  final CommandEngine engine;
  final ResultCommentRenderer renderer;
  final PullRequestRules rules;
  final CommandDeadline deadline = new CommandDeadline();

  /** Where to answer, once bound to the delivery. */
  volatile GitHubFeedback feedback;
  /** The pull request, when a command already read it (the checkout then reads it no second time). */
  volatile org.kohsuke.github.GHPullRequest pullRequest;
  /** The head commit, once known: a failure sets its status. */
  volatile String headSha;
  /** True once the engine ran: Datadog may have changed. */
  volatile boolean engineStarted;
  /** True once the answer is on the pull request: a failure adds no second one. */
  volatile boolean answered;
  /** The result comment an earlier attempt of a stored command posted. */
  volatile CommentMemory memory = CommentMemory.NONE;
  /** The command's own thread, for stopping it. */
  volatile Future<String> work;
  private boolean closed;

  CommandRun(QueuedCommand queued, GitHubClients gitHub, PullRequestReader reader, CommandEngine engine,
      ResultCommentRenderer renderer, PullRequestRules rules) {
    this.queued = queued;
    this.rules = rules;
    this.gitHub = gitHub;
    this.reader = reader;
    this.engine = engine;
    this.renderer = renderer;
  }

  Command command() {
    return queued.command();
  }

  /** Every GitHub write of the command goes through here: refused once the command was stopped. */
  synchronized <T> T write(Supplier<T> call) {
    if (closed) {
      throw new CommandDeadline.Stopped("the command was stopped");
    }
    return call.get();
  }

  void write(Runnable call) {
    write(() -> {
      call.run();
      return null;
    });
  }

  /** Closes the gate: after this returns, the command's own thread writes nothing more. */
  synchronized void close(String reason) {
    closed = true;
    deadline.stop(reason);
  }
}
