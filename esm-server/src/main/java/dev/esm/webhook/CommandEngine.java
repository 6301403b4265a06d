package dev.esm.webhook;

import dev.esm.github.PullRequestSnapshot;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * What the service asks of the engine for one pull request. Implementations read the schemas
 * under {@link PullRequestSnapshot#baseRoot()} and {@link PullRequestSnapshot#headRoot()},
 * restricted to {@link PullRequestSnapshot#changedFiles()} (and what they import).
 *
 * <p>Invalid schemas are answered with {@link CommandResult#invalid}, or by throwing
 * {@link dev.esm.core.diagnostic.InvalidInputException}; Datadog failures that stop the whole
 * command by throwing {@link dev.esm.core.diagnostic.EsmException} (its message is shown on the
 * pull request). Failures of single monitors are {@link dev.esm.core.plan.Action#FAILED} rows.
 *
 * <p>The service never runs two commands of one repository at the same time.
 */
public interface CommandEngine {

  /** What registering would do; must not write to Datadog. */
  CommandResult plan(PullRequestSnapshot pullRequest);

  /** Makes Datadog match the annotations of the pull request's changed schemas. */
  CommandResult register(PullRequestSnapshot pullRequest);

  /**
   * As {@link #register(PullRequestSnapshot)}, applying {@code register.conflicts}: monitors last
   * registered by another pull request of the same repository that {@code isOpen} says is still
   * open (asked once per pull request) are named, or, with {@code refuse}, stop the register
   * before anything is written.
   */
  default CommandResult register(PullRequestSnapshot pullRequest, IntPredicate isOpen) {
    return register(pullRequest);
  }

  /**
   * Restore on close: the events of the files a pull request closed unmerged changed (base and
   * head) are set back to what the default branch, checked out at {@code defaultBranchRoot},
   * declares; events another pull request last registered are left alone. The rows are what was
   * done; an empty result when nothing needed restoring.
   */
  CommandResult restore(PullRequestSnapshot closed, Path defaultBranchRoot);
}
