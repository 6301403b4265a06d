package dev.esm.webhook;

import dev.esm.store.CommandStore;
import dev.esm.store.StoreException;
import dev.esm.store.StoredCommand;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands the {@link CommandStore} holds: a few workers claim them (one at a time per
 * repository, across replicas), a renewer keeps each running command's lease, and a command whose
 * lease could not be renewed in time is told to stop writing ({@link Lease#held()}) before another
 * replica may take it over.
 */
final class DurableCommandQueue {

  private static final Logger LOG = LoggerFactory.getLogger(DurableCommandQueue.class);

  /** Runs one claimed command to its end and returns its outcome. */
  interface Worker {
    String run(StoredCommand command, Lease lease);
  }

  /** A running command's hold on its lease. */
  static final class Lease {
    private final StoredCommand command;
    private volatile long renewedAtNanos = System.nanoTime();
    private volatile boolean lost;
    private volatile Runnable onLost = () -> {};

    Lease(StoredCommand command) {
      this.command = command;
    }

    /** False once the lease may have lapsed: the command must stop writing. */
    boolean held() {
      return !lost;
    }

    StoredCommand command() {
      return command;
    }

    /** Runs {@code action} when the lease is lost (at once if it already was): it stops the command. */
    void onLost(Runnable action) {
      onLost = action;
      if (lost) {
        action.run();
      }
    }

    /** From now on the command must not write: its lease may lapse before it could be renewed. */
    void lose() {
      lost = true;
      onLost.run();
    }
  }

  private final CommandStore store;
  private final String owner;
  private final Duration lease;
  private final Duration poll;
  private final Worker worker;
  private final WebhookMetrics metrics;
  private final ExecutorService workers;
  private final int threads;
  private final ScheduledExecutorService timers;
  private final Map<Long, Lease> running = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  private volatile boolean closed;
  private volatile boolean halted;

  DurableCommandQueue(CommandStore store, String owner, int threads, Duration lease, Worker worker,
      WebhookMetrics metrics) {
    this.store = store;
    this.owner = owner;
    this.lease = lease;
    // Polling finds commands other replicas accepted and leases that lapsed; local ones wake a worker at once.
    this.poll = Duration.ofMillis(Math.max(50, Math.min(2_000, lease.toMillis() / 4)));
    this.worker = worker;
    this.metrics = metrics;
    this.threads = threads;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "esm-command-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    });
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "esm-lease");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the workers. With the embedded database, commands left running by a process that died
   * run again at once rather than after their lease.
   */
  void start() {
    if (store.isEmbedded()) {
      try {
        int resumed = store.resumeUnfinished();
        if (resumed > 0) {
          LOG.info("resuming {} command(s) left unfinished by the previous process", resumed);
        }
      } catch (StoreException e) {
        LOG.warn("cannot resume unfinished commands yet: {}", e.getMessage());
      }
    }
    long every = Math.max(20, lease.toMillis() / 3);
    timers.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    for (int i = 0; i < threads; i++) {
      workers.execute(this::work);
    }
  }

  /** Wakes one idle worker: a command was just stored (waking them all would make each run a claim). */
  void stored() {
    synchronized (wake) {
      wake.notify();
    }
  }

  boolean isAccepting() {
    return !closed;
  }

  int runningCount() {
    return running.size();
  }

  private void work() {
    while (!closed) {
      Optional<StoredCommand> next;
      try {
        next = store.claim(owner, lease);
      } catch (StoreException e) {
        LOG.warn("cannot claim a command: {}", e.getMessage());
        next = Optional.empty();
      }
      if (next.isEmpty()) {
        synchronized (wake) {
          try {
            wake.wait(poll.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        continue;
      }
      runClaimed(next.get());
    }
  }

  private void runClaimed(StoredCommand command) {
    if (command.takenOver()) {
      metrics.leaseTakeover();
      LOG.info("{}: taking over a command whose lease lapsed (attempt {})", command.label(),
          command.attempts());
    }
    Lease held = new Lease(command);
    running.put(command.id(), held);
    String outcome;
    try {
      outcome = worker.run(command, held);
    } catch (Throwable t) { // a worker must go on whatever one command does
      LOG.error("{}: the command stopped unexpectedly: {}", command.label(), t.getClass().getName());
      outcome = "failed";
    } finally {
      running.remove(command.id());
    }
    if (halted) {
      return;
    }
    try {
      if (!store.finish(command.id(), owner, outcome)) {
        LOG.warn("{}: another replica took the command over before it finished here", command.label());
      }
    } catch (StoreException e) {
      // Left running: once its lease lapses it runs again from the start, here or elsewhere.
      LOG.warn("{}: cannot record the outcome ({}); it will run again", command.label(), e.getMessage());
    }
  }

  private void renewAll() {
    long margin = lease.toNanos() / 6;
    for (Lease held : running.values()) {
      try {
        if (store.renew(held.command.id(), owner, lease)) {
          held.renewedAtNanos = System.nanoTime();
        } else if (!held.lost) {
          held.lose();
          LOG.warn("{}: lost the command's lease; its writes stop", held.command.label());
        }
      } catch (StoreException e) {
        if (!held.lost && System.nanoTime() - held.renewedAtNanos > lease.toNanos() - margin) {
          held.lose();
          LOG.warn("{}: cannot renew the lease before it lapses ({}); its writes stop",
              held.command.label(), e.getMessage());
        }
      }
    }
  }

  /** Stops as a killed process would: no more claims, renewals or outcomes (tests of takeovers). */
  void halt() {
    halted = true;
    closed = true;
    timers.shutdownNow();
    workers.shutdownNow();
  }

  /**
   * Stops claiming; running commands may finish within {@code grace}, after which {@code overtime}
   * runs (to stop them). Queued commands stay in the store for the next start or another replica.
   */
  void shutdown(Duration grace, Runnable overtime) {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("stopping with {} command(s) still running after {}", running.size(), grace);
        overtime.run();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
          workers.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
  }
}
