package dev.esm.core.plan;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.EventRef;
import dev.esm.core.render.PullRequestLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What it takes to make Datadog match the annotations of the events in scope: monitors to create,
 * update (with the fields that differ) and delete, those already up to date, and the names that
 * several managed monitors share (which stop everything).
 */
public record Plan(
    List<Create> creates,
    List<Update> updates,
    List<Delete> deletes,
    List<Unchanged> unchanged,
    List<Conflict> conflicts) {

  public Plan {
    creates = sorted(creates, Comparator.comparing(Create::name));
    updates = sorted(updates, Comparator.comparing(Update::name).thenComparingLong(Update::id));
    deletes = sorted(deletes, Comparator.comparing(Delete::name).thenComparingLong(Delete::id));
    unchanged = sorted(unchanged, Comparator.comparing(Unchanged::name).thenComparingLong(Unchanged::id));
    conflicts = sorted(conflicts, Comparator.comparing(Conflict::name));
  }

  public static Plan empty() {
    return new Plan(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * One monitor of the plan, as every front end shows it.
   *
   * @param action what applying would do
   * @param event the event the monitor watches; null for a managed monitor that carries no event tag
   * @param monitorName the monitor's name
   * @param datadogId its Datadog ID; null for a create
   * @param differences what an update changes; empty otherwise
   * @param reason why a monitor goes or is blocked; empty otherwise
   */
  public record Entry(Action action, EventRef event, String monitorName, Long datadogId,
      List<FieldDifference> differences, String reason) {
    public Entry {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(monitorName, "monitorName");
      differences = List.copyOf(differences == null ? List.of() : differences);
      reason = reason == null ? "" : reason;
    }
  }

  /** Every monitor of the plan: creates, updates, deletes, conflicts (as {@link Action#BLOCKED}), unchanged. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    creates.forEach(c -> entries.add(new Entry(Action.CREATE, c.desired().event(), c.name(), null, List.of(), "")));
    updates.forEach(u -> entries.add(new Entry(Action.UPDATE, u.desired().event(), u.name(), u.id(), u.differences(), "")));
    deletes.forEach(d -> entries.add(new Entry(Action.DELETE, d.event(), d.name(), d.id(), List.of(), d.reason().describe())));
    conflicts.forEach(c -> entries.add(new Entry(Action.BLOCKED, c.event(), c.name(), null, List.of(), c.describe())));
    unchanged.forEach(u -> entries.add(new Entry(Action.UNCHANGED, u.desired().event(), u.name(), u.id(), List.of(), "")));
    return entries;
  }

  /**
   * The monitors this plan would update or delete that another pull request than
   * {@code pullRequestUrl} last registered, by that pull request (in the order of their names).
   */
  public java.util.Map<PullRequestLink, List<String>> changesRegisteredByOthers(String pullRequestUrl) {
    java.util.Map<PullRequestLink, List<String>> others = new java.util.TreeMap<>(
        Comparator.comparingInt(PullRequestLink::number).thenComparing(PullRequestLink::url));
    List<RemoteMonitor> changed = new ArrayList<>();
    updates.forEach(u -> changed.add(u.current()));
    deletes.forEach(d -> changed.add(d.current()));
    changed.sort(Comparator.comparing((RemoteMonitor m) -> m.definition().name()).thenComparingLong(RemoteMonitor::id));
    for (RemoteMonitor monitor : changed) {
      PullRequestLink by = monitor.registeredBy();
      if (by != null && !by.names(pullRequestUrl)) {
        others.computeIfAbsent(by, k -> new ArrayList<>()).add(monitor.definition().name().trim());
      }
    }
    return others;
  }

  /** True when applying would write anything. */
  public boolean hasChanges() {
    return !creates.isEmpty() || !updates.isEmpty() || !deletes.isEmpty();
  }

  /** True when several managed monitors share a name that matters here: apply refuses. */
  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }

  /** A monitor that the annotations ask for and Datadog lacks. */
  public record Create(DesiredMonitor desired) {
    public Create {
      Objects.requireNonNull(desired, "desired");
    }

    public String name() {
      return desired.definition().name();
    }
  }

  /** A managed monitor that differs from its annotation. */
  public record Update(RemoteMonitor current, DesiredMonitor desired, List<FieldDifference> differences) {
    public Update {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(desired, "desired");
      differences = List.copyOf(differences);
    }

    public long id() {
      return current.id();
    }

    public String name() {
      return desired.definition().name();
    }
  }

  /** Why a managed monitor goes. */
  public enum DeleteReason {
    /** Its event is in scope and no annotation names it any more. */
    NOT_DECLARED("no longer declared"),
    /** With prune: its event no longer exists under the paths. */
    EVENT_GONE("its event is gone (prune)");

    private final String description;

    DeleteReason(String description) {
      this.description = description;
    }

    public String describe() {
      return description;
    }
  }

  /**
   * A managed monitor to delete.
   *
   * @param event its event, known by its tag (and by its full name when the record was read);
   *     null when the monitor carries no event tag
   */
  public record Delete(RemoteMonitor current, DeleteReason reason, EventRef event) {
    public Delete {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(reason, "reason");
    }

    public Delete(RemoteMonitor current, DeleteReason reason) {
      this(current, reason, eventOf(current));
    }

    public long id() {
      return current.id();
    }

    public String name() {
      return current.definition().name();
    }
  }

  /** A managed monitor that already matches its annotation. */
  public record Unchanged(RemoteMonitor current, DesiredMonitor desired) {
    public Unchanged {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(desired, "desired");
    }

    public long id() {
      return current.id();
    }

    public String name() {
      return desired.definition().name();
    }
  }

  /** A name carried by two or more managed monitors: ESM will not guess which one is meant. */
  public record Conflict(String name, List<Long> ids, EventRef event) {
    public Conflict {
      Objects.requireNonNull(name, "name");
      ids = ids.stream().sorted().toList();
    }

    public Conflict(String name, List<Long> ids) {
      this(name, ids, null);
    }

    /** {@code 2 managed monitors are named X (IDs 11, 12)} */
    public String describe() {
      return ids.size() + " managed monitors are named " + name + " (IDs "
          + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
  }

  /** The event named by a managed monitor's {@code event:} tag, or null. */
  static EventRef eventOf(RemoteMonitor monitor) {
    return monitor.definition().tags().stream().map(String::trim).filter(t -> t.startsWith("event:")).findFirst()
        .map(EventRef::ofTag).orElse(null);
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    return items == null ? List.of() : items.stream().sorted(order).toList();
  }
}
