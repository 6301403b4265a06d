package dev.esm.webhook;

import dev.esm.store.Database;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, checked every 5 s in the background so that {@code /readyz}
 * answers at once: 503 within 10 s of the database going away (a check that takes more than 5 s
 * counts as failed), and also when no check has succeeded for 20 s (a stuck checker).
 */
final class Readiness implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
  private static final long EVERY_MS = 5_000;
  private static final int TIMEOUT_SECONDS = 5;
  private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(20);

  private final Database database;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "esm-readiness");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean answered;
  private volatile long answeredAtNanos;

  Readiness(Database database) {
    this.database = database;
  }

  void start() {
    check();
    timer.scheduleWithFixedDelay(this::check, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    boolean ok = database.answers(TIMEOUT_SECONDS);
    if (ok) {
      answeredAtNanos = System.nanoTime();
    }
    if (ok != answered) {
      if (ok) {
        LOG.info("the database answers again");
      } else {
        LOG.warn("the database does not answer: /readyz says 503 until it does");
      }
    }
    answered = ok;
  }

  boolean ready() {
    return answered && System.nanoTime() - answeredAtNanos < STALE_NANOS;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
