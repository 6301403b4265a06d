package dev.esm.core.calls;

/**
 * Counts the HTTP requests sent to a remote service (GitHub, Datadog) and those that failed. The
 * clients call it from their HTTP layer, once per request sent, so retries count again.
 */
public interface CallCounter {

  /** One request sent (retries count again). */
  void call();

  /** One request that failed: no answer, or an HTTP status of 400 or more. */
  void error();

  CallCounter NONE = new CallCounter() {
    @Override
    public void call() {}

    @Override
    public void error() {}
  };
}
