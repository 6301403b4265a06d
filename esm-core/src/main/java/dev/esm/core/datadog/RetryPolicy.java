package dev.esm.core.datadog;

import com.datadog.api.client.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every rule by which ESM sends a Datadog call again, in one place.
 *
 * <ol>
 *   <li><b>Reads and idempotent writes</b> (list, update, delete, can-delete): throttled (429)
 *       and failed (5xx) answers are retried by Datadog's client itself, up to
 *       {@code max_retries} times, waiting {@code X-RateLimit-Reset} seconds when Datadog sends
 *       it, else 2, 4, 8… seconds ({@link #forIdempotentCalls}).
 *   <li><b>Creates</b> are never retried by the client ({@link #forCreates}): a 429 means nothing
 *       was done, so the adapter sends it again after {@link #rateLimitWait}, up to
 *       {@code max_retries} times; a 5xx or a timeout may come after Datadog saved the monitor,
 *       so it is an unknown outcome, never a blind second POST.
 *   <li><b>A create with an unknown outcome</b> is looked up by name (one listing for all of
 *       them) before it is sent again, at most {@link #CREATE_ATTEMPTS} sends in all (the applier).
 *   <li><b>An update or a delete that timed out</b> is sent {@link #TIMEOUT_RESENDS} more time: a
 *       whole-body PUT and a DELETE are safe to repeat (the applier).
 *   <li><b>A validation that timed out</b> is asked {@link #TIMEOUT_RESENDS} more time: it writes
 *       nothing (the adapter; throttled and failed answers are rule 1's).
 * </ol>
 *
 * Every send, first or again, passes the HTTP layer and is counted there.
 */
public final class RetryPolicy {

  /** How many times one create is sent in all when it keeps getting no clear answer. */
  public static final int CREATE_ATTEMPTS = 3;

  /** How many more times an update or a delete that timed out is sent. */
  public static final int TIMEOUT_RESENDS = 1;

  /** Waits between retries; tests replace it to run fast and to see the waits asked for. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Real waits, each second of backoff lasting {@code unit} (one second; shorter in tests). */
    static Sleeper scaled(Duration unit) {
      return d -> Thread.sleep(d.toSeconds() * unit.toMillis());
    }
  }

  private RetryPolicy() {}

  /** Rule 1: the client retries 429 and 5xx by itself. */
  static RetryConfig forIdempotentCalls(int maxRetries, Sleeper sleeper) {
    return new SleepingRetryConfig(maxRetries, sleeper);
  }

  /** Rule 2: the client never retries a create by itself. */
  static RetryConfig forCreates(Sleeper sleeper) {
    return new SleepingRetryConfig(0, sleeper);
  }

  /** Rule 2: how long to wait before sending a throttled create again ({@code attempt} from 0). */
  static Duration rateLimitWait(Map<String, List<String>> headers, int attempt) {
    int seconds = 2 << attempt;
    List<String> reset = headers == null ? null : headers.get("x-ratelimit-reset");
    if (reset != null && !reset.isEmpty()) {
      try {
        seconds = Math.max(0, Integer.parseInt(reset.get(0).trim()));
      } catch (NumberFormatException ignored) {
        // Datadog sends whole seconds; anything else falls back to the backoff.
      }
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * The client's own retry policy (429 and 5xx; {@code X-RateLimit-Reset} seconds when sent,
   * else 2, 4, 8… seconds), with the waiting done by a {@link Sleeper}.
   */
  private static final class SleepingRetryConfig extends RetryConfig {
    private final Sleeper sleeper;

    SleepingRetryConfig(int maxRetries, Sleeper sleeper) {
      super(maxRetries > 0, 2, 2, maxRetries);
      this.sleeper = sleeper;
    }

    @Override
    public void sleepInterval(int seconds) {
      try {
        sleeper.sleep(Duration.ofSeconds(Math.max(0, seconds)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
