package dev.esm.core.plan;

/**
 * What was, or would be, done to one monitor: the one vocabulary of plans, applies, the command
 * line and the pull-request comment.
 */
public enum Action {
  CREATE,
  UPDATE,
  DELETE,
  UNCHANGED,
  /** Datadog refused or kept failing; the entry says why. */
  FAILED,
  /** Not touched on purpose: a monitor used by an SLO, or a name several managed monitors share. */
  BLOCKED
}
