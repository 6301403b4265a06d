package dev.esm.webhook;

import dev.esm.core.config.EsmConfig;

/**
 * The configuration of a pull request's life ({@code autoplan}, {@code register.*}) and the
 * checker of {@code register.requires}.
 */
record PullRequestRules(boolean autoplan, EsmConfig.Register register, Requirements requirements) {

  static PullRequestRules of(EsmConfig config) {
    return new PullRequestRules(config.autoplan(), config.register(), Requirements.standard());
  }

  /** The defaults: autoplan on, register on comment with no requirements. */
  static PullRequestRules defaults() {
    return new PullRequestRules(true, new EsmConfig.Register(null, null, null, null), Requirements.standard());
  }
}
