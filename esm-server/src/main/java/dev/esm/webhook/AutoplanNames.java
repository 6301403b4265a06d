package dev.esm.webhook;

/** The names ESM reports under on a commit. */
final class AutoplanNames {

  /** The check run of a plan, as a GitHub App. */
  static final String CHECK_RUN = "esm plan";

  private AutoplanNames() {}
}
