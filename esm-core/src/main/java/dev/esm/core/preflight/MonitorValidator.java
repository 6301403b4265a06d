package dev.esm.core.preflight;

import dev.esm.core.datadog.DatadogException;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.DesiredMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Datadog's own check before anything is written: every monitor a plan creates or updates (never
 * an unchanged one, never a deletion) is sent once to Datadog's monitor validation, at most
 * {@code parallelism} at a time. A rejection is a mistake in the schemas (or the configuration's
 * kinds), reported at the line of its {@code @monitor}; a validation call that fails after the
 * client's retries stops everything, as a failed write would.
 */
public final class MonitorValidator {

  private final DatadogMonitors datadog;
  private final int parallelism;

  public MonitorValidator(DatadogMonitors datadog, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.datadog = datadog;
    this.parallelism = parallelism;
  }

  /** One monitor Datadog would refuse. */
  public record Rejection(DesiredMonitor monitor, Long id, String reason) {
    public Diagnostic diagnostic() {
      return Diagnostic.error(monitor.file(), monitor.line(), 0,
          "Datadog rejects monitor '" + monitor.definition().name() + "': " + reason);
    }
  }

  /**
   * @throws InvalidInputException carrying one error per rejected monitor, when Datadog rejects any
   * @throws DatadogException when a validation call itself fails
   */
  public void check(Plan plan) {
    List<Rejection> rejections = rejections(plan);
    if (!rejections.isEmpty()) {
      throw new InvalidInputException(rejections.stream().map(Rejection::diagnostic).sorted(Diagnostic.ORDER).toList());
    }
  }

  /** Every rejection, in the plan's order; each monitor asked about once. */
  public List<Rejection> rejections(Plan plan) {
    List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
    List<Callable<Void>> calls = new ArrayList<>();
    for (Plan.Create create : plan.creates()) {
      calls.add(() -> ask(null, create.desired(), rejections));
    }
    for (Plan.Update update : plan.updates()) {
      calls.add(() -> ask(update.id(), update.desired(), rejections));
    }
    if (calls.isEmpty()) {
      return List.of();
    }
    run(calls);
    return rejections.stream()
        .sorted(Comparator.comparing((Rejection r) -> r.monitor().definition().name()))
        .toList();
  }

  private Void ask(Long id, DesiredMonitor monitor, List<Rejection> rejections) {
    List<String> reasons = datadog.validate(id, monitor.definition());
    if (!reasons.isEmpty()) {
      rejections.add(new Rejection(monitor, id, String.join("; ", reasons)));
    }
    return null;
  }

  private void run(List<Callable<Void>> calls) {
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, calls.size()), r -> {
      Thread thread = new Thread(r, "esm-validate-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      DatadogException failure = null;
      for (Future<Void> future : pool.invokeAll(calls)) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof DatadogException datadogFailure) {
            failure = failure == null ? datadogFailure : failure;
          } else if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          } else {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatadogException("interrupted while asking Datadog to validate monitors", 0, false, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
