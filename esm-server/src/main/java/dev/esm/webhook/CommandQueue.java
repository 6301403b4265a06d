package dev.esm.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>A lane holds at most {@code maxWaitingPerLane} commands waiting; a job with a coalescing key
 * (a plan of one pull request) replaces a waiting job with the same key instead of queueing
 * behind it. On shutdown, waiting jobs are not run: each is told so ({@link Job#skip()}).
 */
final class CommandQueue {

  private static final Logger LOG = LoggerFactory.getLogger(CommandQueue.class);
  static final int DEFAULT_MAX_WAITING_PER_LANE = 20;

  /** A unit of work, and what to do when it will not run. */
  interface Job {
    void run();

    /** Null when the job never replaces another. */
    default String coalesceKey() {
      return null;
    }

    /** A newer job with the same key took this one's place. */
    default void superseded() {}

    /** The queue stops before this job started. */
    default void skip() {}
  }

  /** What became of a submitted job. */
  enum Admission {
    QUEUED,
    /** Took the place of a waiting job with the same key. */
    REPLACED,
    /** The lane already holds its maximum of waiting jobs. */
    FULL,
    /** Shutting down. */
    CLOSED;

    boolean accepted() {
      return this == QUEUED || this == REPLACED;
    }
  }

  private static final class Lane {
    final Deque<Job> waiting = new ArrayDeque<>();
    boolean running;
  }

  private final ExecutorService workers;
  private final int maxWaitingPerLane;
  private final Map<String, Lane> lanes = new HashMap<>();
  private int pending;
  private boolean closed;

  CommandQueue(int threads) {
    this(threads, DEFAULT_MAX_WAITING_PER_LANE);
  }

  CommandQueue(int threads, int maxWaitingPerLane) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "esm-command-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
    this.workers = Executors.newFixedThreadPool(threads, factory);
    this.maxWaitingPerLane = maxWaitingPerLane;
  }

  /** Queues {@code task} behind the lane's earlier tasks; false once shutting down or when the lane is full. */
  boolean submit(String lane, Runnable task) {
    return offer(lane, task::run).accepted();
  }

  synchronized Admission offer(String laneName, Job job) {
    Objects.requireNonNull(job, "job");
    if (closed) {
      return Admission.CLOSED;
    }
    Lane lane = lanes.computeIfAbsent(laneName, k -> new Lane());
    String key = job.coalesceKey();
    if (key != null) {
      List<Job> list = new ArrayList<>(lane.waiting);
      for (int i = 0; i < list.size(); i++) {
        if (key.equals(list.get(i).coalesceKey())) {
          Job old = list.set(i, job);
          lane.waiting.clear();
          lane.waiting.addAll(list);
          workers.execute(() -> quietly(old::superseded));
          return Admission.REPLACED;
        }
      }
    }
    if (lane.waiting.size() >= maxWaitingPerLane) {
      if (!lane.running && lane.waiting.isEmpty()) {
        lanes.remove(laneName);
      }
      return Admission.FULL;
    }
    lane.waiting.add(job);
    pending++;
    if (!lane.running) {
      lane.running = true;
      workers.execute(() -> drain(laneName, lane));
    }
    return Admission.QUEUED;
  }

  private void drain(String laneName, Lane lane) {
    while (true) {
      Job next;
      synchronized (this) {
        next = lane.waiting.poll();
        if (next == null) {
          lane.running = false;
          lanes.remove(laneName, lane);
          return;
        }
      }
      try {
        quietly(next::run);
      } finally {
        finished();
      }
    }
  }

  private synchronized void finished() {
    pending--;
    notifyAll();
  }

  private static void quietly(Runnable work) {
    try {
      work.run();
    } catch (Throwable t) { // a lane must go on whatever one job does
      LOG.error("a queued job stopped unexpectedly: {}", t.getClass().getName());
    }
  }

  int maxWaitingPerLane() {
    return maxWaitingPerLane;
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

  /**
   * Stops taking commands; waiting ones are not started but told ({@link Job#skip()}); running
   * ones may finish within {@code grace}, after which {@code overtime} runs (to stop them), then
   * the workers stop.
   */
  void shutdown(Duration grace, Runnable overtime) {
    List<Job> skipped = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Lane lane : lanes.values()) {
        for (Iterator<Job> it = lane.waiting.iterator(); it.hasNext(); ) {
          skipped.add(it.next());
          it.remove();
          pending--;
        }
      }
      notifyAll();
    }
    skipped.forEach(job -> quietly(job::skip));
    try {
      if (!awaitIdle(grace)) {
        LOG.warn("stopping with {} command(s) still running after {}", pendingCount(), grace);
        quietly(overtime);
        awaitIdle(Duration.ofSeconds(5));
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

  void shutdown(Duration grace) {
    shutdown(grace, () -> {});
  }

  synchronized int pendingCount() {
    return pending;
  }
}
