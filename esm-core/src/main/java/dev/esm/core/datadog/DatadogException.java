package dev.esm.core.datadog;

import dev.esm.core.diagnostic.EsmException;

/** Datadog could not be reached, refused a call, or kept failing after retries. */
public class DatadogException extends EsmException {

  private final int status;
  private final boolean timeout;

  public DatadogException(String message, int status, boolean timeout, Throwable cause) {
    super(Kind.REMOTE, message, cause);
    this.status = status;
    this.timeout = timeout;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /**
   * True when the call's outcome is not known: it timed out, or a create failed on Datadog's
   * side after the monitor may have been saved. Whoever retries must look first.
   */
  public boolean isTimeout() {
    return timeout;
  }
}
