package dev.esm.core.apply;

import dev.esm.core.apply.ApplyResult.Outcome;
import dev.esm.core.apply.ApplyResult.Status;
import dev.esm.core.datadog.DatadogException;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.drift.Fingerprint;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.MonitorDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Makes Datadog match a {@link Plan}, safely:
 *
 * <ul>
 *   <li>a plan with conflicting names writes nothing;
 *   <li>a monitor lacking the identity tag is never written to or deleted, and no body that lacks
 *       it is ever sent;
 *   <li>Datadog is asked once which monitors it cannot delete (used by an SLO or a composite
 *       monitor); those are reported as blocked and left alone, never force-deleted;
 *   <li>at most {@code parallelism} writes are in flight;
 *   <li>a create that timed out is looked up by name (one listing by identity tag for all of them)
 *       before it is sent again, so no duplicate is ever created;
 *   <li>every body sent carries the {@link Fingerprint} of itself, so that drift can tell an edit
 *       in Datadog from a change in the schemas;
 *   <li>what still fails after the client's retries is reported monitor by monitor while the rest
 *       completes.
 * </ul>
 */
public final class Applier {

  public static final int DEFAULT_PARALLELISM = 8;

  /** How many times one create is sent when it keeps timing out. */
  static final int MAX_CREATE_ATTEMPTS = 3;

  private final DatadogMonitors datadog;
  private final String identityTag;
  private final int parallelism;

  public Applier(DatadogMonitors datadog, String identityTag) {
    this(datadog, identityTag, DEFAULT_PARALLELISM);
  }

  public Applier(DatadogMonitors datadog, String identityTag, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    if (identityTag == null || identityTag.isBlank()) {
      throw new IllegalArgumentException("identityTag must be set");
    }
    this.datadog = datadog;
    this.identityTag = identityTag;
    this.parallelism = parallelism;
  }

  public ApplyResult apply(Plan plan) {
    if (plan.hasConflicts()) {
      return new ApplyResult(List.of(), plan.conflicts());
    }
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    for (Plan.Unchanged unchanged : plan.unchanged()) {
      outcomes.add(new Outcome(Status.UNCHANGED, unchanged.name(), unchanged.id(), datadog.monitorUrl(unchanged.id()), null));
    }

    List<Callable<Void>> writes = new ArrayList<>();
    List<Plan.Create> timedOut = Collections.synchronizedList(new ArrayList<>());
    for (Plan.Create create : plan.creates()) {
      writes.add(() -> create(create, outcomes, timedOut));
    }
    for (Plan.Update update : plan.updates()) {
      writes.add(() -> update(update, outcomes));
    }
    writes.addAll(deletions(plan.deletes(), outcomes));

    ExecutorService pool = pool(Math.min(parallelism, Math.max(1, writes.size())));
    try {
      run(pool, writes);
      resolveTimedOutCreates(pool, timedOut, outcomes);
    } finally {
      pool.shutdownNow();
    }
    return new ApplyResult(List.copyOf(outcomes), List.of());
  }

  private Void create(Plan.Create create, List<Outcome> outcomes, List<Plan.Create> timedOut) {
    MonitorDefinition body = Fingerprint.stamp(create.desired().definition());
    if (!carriesIdentity(body)) {
      outcomes.add(failed(create.name(), null, "its body lacks the identity tag " + identityTag + "; ESM never writes such a monitor"));
      return null;
    }
    try {
      RemoteMonitor created = datadog.create(body);
      outcomes.add(new Outcome(Status.CREATED, create.name(), created.id(), datadog.monitorUrl(created.id()), null));
    } catch (DatadogException e) {
      if (e.isTimeout()) {
        timedOut.add(create);
      } else {
        outcomes.add(failed(create.name(), null, e.getMessage()));
      }
    }
    return null;
  }

  private Void update(Plan.Update update, List<Outcome> outcomes) {
    RemoteMonitor current = update.current();
    if (!carriesIdentity(current.definition())) {
      outcomes.add(failed(update.name(), current.id(), "monitor " + current.id() + " lacks the identity tag " + identityTag + "; ESM never writes to it"));
      return null;
    }
    MonitorDefinition body = Fingerprint.stamp(update.desired().definition());
    if (!carriesIdentity(body)) {
      outcomes.add(failed(update.name(), current.id(), "its body lacks the identity tag " + identityTag + "; ESM never writes such a monitor"));
      return null;
    }
    try {
      try {
        datadog.update(current.id(), body);
      } catch (DatadogException e) {
        if (!e.isTimeout()) {
          throw e;
        }
        datadog.update(current.id(), body); // A whole-body PUT is safe to send again.
      }
      outcomes.add(new Outcome(Status.UPDATED, update.name(), current.id(), datadog.monitorUrl(current.id()), null));
    } catch (DatadogException e) {
      String error = e.status() == 404 ? "monitor " + current.id() + " no longer exists in Datadog; apply again to recreate it" : e.getMessage();
      outcomes.add(failed(update.name(), current.id(), error));
    }
    return null;
  }

  private List<Callable<Void>> deletions(List<Plan.Delete> deletes, List<Outcome> outcomes) {
    List<Plan.Delete> deletable = new ArrayList<>();
    for (Plan.Delete delete : deletes) {
      if (carriesIdentity(delete.current().definition())) {
        deletable.add(delete);
      } else {
        outcomes.add(failed(delete.name(), delete.id(), "monitor " + delete.id() + " lacks the identity tag " + identityTag + "; ESM never deletes it"));
      }
    }
    if (deletable.isEmpty()) {
      return List.of();
    }
    Map<Long, String> blockers;
    try {
      blockers = datadog.deletionBlockers(deletable.stream().map(Plan.Delete::id).toList());
    } catch (DatadogException e) {
      for (Plan.Delete delete : deletable) {
        outcomes.add(failed(delete.name(), delete.id(), "not deleted: could not ask Datadog whether it can be: " + e.getMessage()));
      }
      return List.of();
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Plan.Delete delete : deletable) {
      String blocker = blockers.get(delete.id());
      if (blocker != null) {
        outcomes.add(new Outcome(Status.BLOCKED, delete.name(), delete.id(), datadog.monitorUrl(delete.id()), blocker));
      } else {
        tasks.add(() -> delete(delete, outcomes));
      }
    }
    return tasks;
  }

  private Void delete(Plan.Delete delete, List<Outcome> outcomes) {
    try {
      try {
        datadog.delete(delete.id());
      } catch (DatadogException e) {
        if (!e.isTimeout()) {
          throw e;
        }
        datadog.delete(delete.id());
      }
      outcomes.add(new Outcome(Status.DELETED, delete.name(), delete.id(), null, null));
    } catch (DatadogException e) {
      if (e.status() == 404) {
        outcomes.add(new Outcome(Status.DELETED, delete.name(), delete.id(), null, null)); // Already gone.
      } else {
        outcomes.add(failed(delete.name(), delete.id(), e.getMessage()));
      }
    }
    return null;
  }

  /**
   * A create that timed out may have happened: list by identity tag (once for all of them), take
   * those found by name as created, and send the others again; up to {@link #MAX_CREATE_ATTEMPTS}.
   */
  private void resolveTimedOutCreates(ExecutorService pool, List<Plan.Create> timedOut, List<Outcome> outcomes) {
    List<Plan.Create> pending = new ArrayList<>(timedOut);
    int attempts = 1;
    while (!pending.isEmpty()) {
      List<RemoteMonitor> listed;
      try {
        listed = datadog.listByTag(identityTag);
      } catch (DatadogException e) {
        for (Plan.Create create : pending) {
          outcomes.add(failed(create.name(), null, "the create got no clear answer and Datadog could not be asked whether it happened: " + e.getMessage()));
        }
        return;
      }
      Map<String, List<RemoteMonitor>> byName =
          listed.stream().collect(Collectors.groupingBy(m -> m.definition().name().trim()));
      List<Plan.Create> missing = new ArrayList<>();
      for (Plan.Create create : pending) {
        List<RemoteMonitor> found = byName.getOrDefault(create.name().trim(), List.of());
        if (found.size() == 1) {
          long id = found.get(0).id();
          outcomes.add(new Outcome(Status.CREATED, create.name(), id, datadog.monitorUrl(id), null));
        } else if (found.size() > 1) {
          outcomes.add(failed(create.name(), null, "the create got no clear answer and " + found.size() + " managed monitors now carry this name (IDs "
              + found.stream().map(m -> String.valueOf(m.id())).sorted().collect(Collectors.joining(", ")) + ")"));
        } else {
          missing.add(create);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      if (attempts >= MAX_CREATE_ATTEMPTS) {
        for (Plan.Create create : missing) {
          outcomes.add(failed(create.name(), null, "the create got no clear answer " + attempts + " times and the monitor is not in Datadog; apply again"));
        }
        return;
      }
      attempts++;
      List<Plan.Create> again = Collections.synchronizedList(new ArrayList<>());
      List<Callable<Void>> retries = new ArrayList<>();
      for (Plan.Create create : missing) {
        retries.add(() -> create(create, outcomes, again));
      }
      run(pool, retries);
      pending = new ArrayList<>(again);
    }
  }

  private boolean carriesIdentity(MonitorDefinition definition) {
    return definition.tags().stream().anyMatch(tag -> tag.trim().equals(identityTag));
  }

  private static Outcome failed(String name, Long id, String error) {
    return new Outcome(Status.FAILED, name, id, null, error);
  }

  private static void run(ExecutorService pool, List<Callable<Void>> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    try {
      for (Future<Void> future : pool.invokeAll(tasks)) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatadogException("interrupted while writing to Datadog", 0, false, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread thread = new Thread(r, "esm-apply-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
