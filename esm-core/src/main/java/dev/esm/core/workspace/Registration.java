package dev.esm.core.workspace;

/**
 * Which pull request a monitor's message names as the one that registered it. Said by the caller,
 * never guessed.
 */
public enum Registration {
  /** The rendering's pull request registers the monitors: their messages name it. */
  BY_PULL_REQUEST,
  /**
   * No pull request registers them (the command line): each monitor keeps the pull request that
   * last registered it, so the command line and the webhook do not fight over the message.
   */
  KEEPING_LAST_PULL_REQUEST,
  /**
   * The default branch declares them, no pull request registers them (a pull request closed
   * unmerged gives its events back): their messages name no pull request.
   */
  BY_DEFAULT_BRANCH
}
