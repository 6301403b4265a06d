package dev.esm.core.plan;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.DesiredMonitor;
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
    NOT_DECLARED,
    /** With prune: its event no longer exists under the paths. */
    EVENT_GONE
  }

  /** A managed monitor to delete. */
  public record Delete(RemoteMonitor current, DeleteReason reason) {
    public Delete {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(reason, "reason");
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
  public record Conflict(String name, List<Long> ids) {
    public Conflict {
      Objects.requireNonNull(name, "name");
      ids = ids.stream().sorted().toList();
    }

    /** {@code 2 managed monitors are named X (IDs 11, 12)} */
    public String describe() {
      return ids.size() + " managed monitors are named " + name + " (IDs "
          + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    return items == null ? List.of() : items.stream().sorted(order).toList();
  }
}
