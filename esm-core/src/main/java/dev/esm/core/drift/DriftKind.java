package dev.esm.core.drift;

/** How a monitor in Datadog left the schemas of the default branch. */
public enum DriftKind {
  /** Datadog's version differs from what ESM wrote (or, with no record of that, from the schemas). */
  EDITED("edited", "edited in Datadog"),
  /** Still what ESM wrote, but the schemas now declare something else. */
  NOT_REGISTERED("not_registered", "not registered"),
  /** Declared by the schemas, absent from Datadog. */
  MISSING("missing", "missing"),
  /** Carries the identity tag, but no event under the paths declares it. */
  ORPHANED("orphaned", "orphaned");

  private final String key;
  private final String label;

  DriftKind(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The name in JSON and in metric labels: {@code edited}, {@code not_registered}, … */
  public String key() {
    return key;
  }

  /** The words for people: {@code edited in Datadog}, {@code not registered}, … */
  public String label() {
    return label;
  }
}
