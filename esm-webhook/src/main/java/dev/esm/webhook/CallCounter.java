package dev.esm.webhook;

/**
 * Counts calls to a remote service and those that failed. The GitHub client counts itself; the
 * Datadog adapter gets one from {@link WebhookMetrics#datadog()} and calls it around each request.
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
