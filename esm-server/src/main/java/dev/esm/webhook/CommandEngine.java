package dev.esm.webhook;

import dev.esm.github.PullRequestSnapshot;

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
}
