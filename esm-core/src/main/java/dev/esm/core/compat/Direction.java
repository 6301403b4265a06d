package dev.esm.core.compat;

/** In which direction a change breaks readers. */
public enum Direction {
  /** The new schema cannot read data written with the old one. */
  BACKWARD("backward"),
  /** The old schema cannot read data written with the new one. */
  FORWARD("forward"),
  /** Both: found by the check in each direction, reported once. */
  BOTH("backward and forward");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  Direction and(Direction other) {
    return other == this ? this : BOTH;
  }
}
