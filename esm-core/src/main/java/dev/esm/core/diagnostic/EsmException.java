package dev.esm.core.diagnostic;

/**
 * A failure the user can act on. Front ends print its message (never a stack trace) and map
 * its {@link #kind()} to an exit status or a pull-request comment.
 */
public class EsmException extends RuntimeException {

  /** What went wrong, in the terms the front ends report on. */
  public enum Kind {
    /** Schemas, annotations or the configuration are invalid: exit 1. */
    INVALID_INPUT,
    /** The command line was wrong: exit 2. */
    USAGE,
    /** Datadog or GitHub could not be reached, refused, or part of the work failed: exit 3. */
    REMOTE
  }

  private final Kind kind;

  public EsmException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public EsmException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
