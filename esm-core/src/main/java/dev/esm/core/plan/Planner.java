package dev.esm.core.plan;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.EventRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the monitors that the annotations ask for with those that Datadog holds under ESM's
 * identity tag, and says what to create, update and delete.
 *
 * <ul>
 *   <li>Monitors are matched by exact name (Datadog trims names on save), on ESM's side.
 *   <li>For each event in scope, its managed monitors become exactly what its annotations say:
 *       a managed monitor carrying the tag of an event in scope whose name no annotation declares
 *       is deleted.
 *   <li>With prune, a managed monitor that carries none of the event tags found under the paths is
 *       deleted too.
 *   <li>Managed monitors of events out of scope are never touched.
 *   <li>A name that two or more managed monitors share, where it matters to this plan, is a
 *       conflict: the plan names it with every ID, and touches none of them.
 * </ul>
 */
public final class Planner {

  private Planner() {}

  /** Plans without prune. */
  public static Plan plan(List<DesiredMonitor> desired, Set<String> eventTagsInScope, List<RemoteMonitor> managed) {
    return plan(desired, eventTagsInScope, managed, null);
  }

  /**
   * @param desired the monitors the annotations in scope ask for
   * @param eventTagsInScope the tags of the events in scope (e.g. {@code event:addtocartevent}),
   *     including events that declare no monitor any more
   * @param managed every monitor Datadog holds under ESM's identity tag
   * @param pruneKeeping with prune, the tags of every event under the paths; null for no prune
   * @throws InvalidInputException when two desired monitors have the same name
   */
  public static Plan plan(
      List<DesiredMonitor> desired,
      Set<String> eventTagsInScope,
      List<RemoteMonitor> managed,
      Set<String> pruneKeeping) {
    return plan(desired, eventTagsInScope, managed, pruneKeeping, List.of());
  }

  /**
   * As above; {@code known} names the events read (declaring monitors or not), so that a monitor
   * to delete is reported with its event's full name too.
   */
  public static Plan plan(
      List<DesiredMonitor> desired,
      Set<String> eventTagsInScope,
      List<RemoteMonitor> managed,
      Set<String> pruneKeeping,
      Collection<EventRef> known) {
    Map<String, EventRef> events = new HashMap<>();
    known.forEach(e -> events.putIfAbsent(e.tag(), e));
    desired.forEach(d -> events.putIfAbsent(d.eventTag(), d.event()));
    Map<String, DesiredMonitor> wanted = byName(desired);
    Set<String> scope = new HashSet<>(eventTagsInScope);
    desired.forEach(d -> scope.add(d.eventTag()));

    Map<String, List<RemoteMonitor>> held = new LinkedHashMap<>();
    for (RemoteMonitor monitor : managed) {
      held.computeIfAbsent(monitor.definition().name().trim(), n -> new ArrayList<>()).add(monitor);
    }

    List<Plan.Create> creates = new ArrayList<>();
    List<Plan.Update> updates = new ArrayList<>();
    List<Plan.Delete> deletes = new ArrayList<>();
    List<Plan.Unchanged> unchanged = new ArrayList<>();
    List<Plan.Conflict> conflicts = new ArrayList<>();

    for (Map.Entry<String, List<RemoteMonitor>> entry : held.entrySet()) {
      String name = entry.getKey();
      List<RemoteMonitor> same = entry.getValue();
      DesiredMonitor wish = wanted.get(name);
      if (same.size() > 1) {
        boolean matters =
            wish != null || same.stream().anyMatch(m -> deletion(m, scope, pruneKeeping) != null);
        if (matters) {
          EventRef event = wish != null ? wish.event() : known(Plan.eventOf(same.get(0)), events);
          conflicts.add(new Plan.Conflict(name, same.stream().map(RemoteMonitor::id).toList(), event));
        }
        continue;
      }
      RemoteMonitor current = same.get(0);
      if (wish != null) {
        List<FieldDifference> differences = Normalizer.differences(current.definition(), wish.definition());
        if (differences.isEmpty()) {
          unchanged.add(new Plan.Unchanged(current, wish));
        } else {
          updates.add(new Plan.Update(current, wish, differences));
        }
      } else {
        Plan.DeleteReason reason = deletion(current, scope, pruneKeeping);
        if (reason != null) {
          deletes.add(new Plan.Delete(current, reason, known(Plan.eventOf(current), events)));
        }
      }
    }
    for (DesiredMonitor wish : wanted.values()) {
      if (!held.containsKey(wish.definition().name().trim())) {
        creates.add(new Plan.Create(wish));
      }
    }
    return new Plan(creates, updates, deletes, unchanged, conflicts);
  }

  private static EventRef known(EventRef byTag, Map<String, EventRef> events) {
    return byTag == null ? null : events.getOrDefault(byTag.tag(), byTag);
  }

  /** Why a managed monitor that no annotation names should go, or null when it stays. */
  private static Plan.DeleteReason deletion(RemoteMonitor monitor, Set<String> scope, Set<String> pruneKeeping) {
    List<String> tags = monitor.definition().tags();
    if (tags.stream().anyMatch(scope::contains)) {
      return Plan.DeleteReason.NOT_DECLARED;
    }
    if (pruneKeeping != null && tags.stream().noneMatch(pruneKeeping::contains)) {
      return Plan.DeleteReason.EVENT_GONE;
    }
    return null;
  }

  private static Map<String, DesiredMonitor> byName(List<DesiredMonitor> desired) {
    Map<String, DesiredMonitor> wanted = new LinkedHashMap<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (DesiredMonitor wish : desired) {
      DesiredMonitor first = wanted.putIfAbsent(wish.definition().name().trim(), wish);
      if (first != null) {
        problems.add(
            Diagnostic.error(
                wish.file(),
                wish.line(),
                0,
                "monitor name '"
                    + wish.definition().name()
                    + "' is already declared"
                    + (first.file() == null ? "" : " at " + first.file() + ":" + first.line())));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return wanted;
  }
}
