package dev.esm.webhook;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on a few worker threads, one at a time per lane (a repository): commands on one
 * repository never interleave, commands on different repositories run in parallel.
 */
final class CommandQueue {

  private static final Logger LOG = LoggerFactory.getLogger(CommandQueue.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final ExecutorService workers;
  private final Map<String, CompletableFuture<Void>> lanes = new HashMap<>();
  private int pending;
  private boolean closed;

  CommandQueue(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "esm-command-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
    this.workers = Executors.newFixedThreadPool(threads, factory);
  }

  /** Queues {@code task} behind the lane's earlier tasks; false once shutting down. */
  synchronized boolean submit(String lane, Runnable task) {
    if (closed) {
      return false;
    }
    CompletableFuture<Void> next = lanes.getOrDefault(lane, DONE).thenRunAsync(() -> {
      try {
        task.run();
      } catch (Throwable t) { // a lane must go on whatever one task does
        LOG.error("command failed unexpectedly", t);
      }
    }, workers);
    lanes.put(lane, next);
    pending++;
    next.whenComplete((ignored, error) -> finished(lane, next));
    return true;
  }

  private synchronized void finished(String lane, CompletableFuture<Void> task) {
    if (lanes.get(lane) == task) {
      lanes.remove(lane);
    }
    pending--;
    notifyAll();
  }

  synchronized boolean isAccepting() {
    return !closed && !workers.isShutdown();
  }

  /** Waits until every queued command has finished; false when the time ran out first. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Stops taking commands, lets the queued ones finish within {@code grace}, then stops the workers. */
  void shutdown(Duration grace) {
    synchronized (this) {
      closed = true;
    }
    try {
      if (!awaitIdle(grace)) {
        LOG.warn("stopping with {} command(s) unfinished after {}", pendingCount(), grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  synchronized int pendingCount() {
    return pending;
  }
}
