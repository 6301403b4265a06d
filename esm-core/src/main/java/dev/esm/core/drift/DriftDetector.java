package dev.esm.core.drift;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.plan.Normalizer;
import dev.esm.core.render.DesiredMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells apart, without a database, how each managed monitor left the schemas, from the
 * {@link Fingerprint} it carries:
 *
 * <ul>
 *   <li>a monitor that matches the schemas (links in the message aside) has not drifted, whatever
 *       its fingerprint says;
 *   <li><em>edited</em>: it no longer matches its own fingerprint, or it carries none and differs
 *       from the schemas; an edit wins over a schema change;
 *   <li><em>not registered</em>: it matches its fingerprint, and the schemas declare something else
 *       for it, or its event is declared under the paths and no longer declares it (a monitor
 *       without fingerprint that its event no longer declares counts here too);
 *   <li><em>missing</em>: the schemas declare it and Datadog has no managed monitor of that name;
 *   <li><em>orphaned</em>: none of its tags names an event under the paths (as {@code --prune}
 *       judges).
 * </ul>
 */
public final class DriftDetector {

  private DriftDetector() {}

  /**
   * @param desired the monitors the schemas under the paths declare
   * @param eventTags the event tags of every record under the paths, monitored or not
   * @param managed every monitor Datadog holds under the identity tag
   */
  public static DriftReport detect(List<DesiredMonitor> desired, Set<String> eventTags, List<RemoteMonitor> managed) {
    Map<String, DesiredMonitor> wanted = new LinkedHashMap<>();
    desired.forEach(d -> wanted.putIfAbsent(d.definition().name().trim(), d));
    Set<String> declaredEvents = new HashSet<>(eventTags);
    desired.forEach(d -> declaredEvents.add(d.eventTag()));

    List<Drift> drifts = new ArrayList<>();
    Set<String> held = new HashSet<>();
    int inStep = 0;
    for (RemoteMonitor current : managed) {
      String name = current.definition().name().trim();
      held.add(name);
      DesiredMonitor wish = wanted.get(name);
      Optional<Drift> drift = wish != null ? compare(current, wish) : undeclared(current, declaredEvents);
      if (drift.isPresent()) {
        drifts.add(drift.get());
      } else {
        inStep++;
      }
    }
    for (DesiredMonitor wish : wanted.values()) {
      if (!held.contains(wish.definition().name().trim())) {
        drifts.add(new Drift(DriftKind.MISSING, null, wish, List.of()));
      }
    }
    return new DriftReport(drifts, inStep);
  }

  private static Optional<Drift> compare(RemoteMonitor current, DesiredMonitor wish) {
    List<FieldDifference> differences = Normalizer.differences(
        Fingerprint.comparable(current.definition()), Fingerprint.comparable(wish.definition()));
    if (differences.isEmpty()) {
      return Optional.empty();
    }
    if (Fingerprint.matches(current.definition())) {
      return Optional.of(new Drift(DriftKind.NOT_REGISTERED, current, wish, List.of()));
    }
    return Optional.of(new Drift(DriftKind.EDITED, current, wish, differences));
  }

  private static Optional<Drift> undeclared(RemoteMonitor current, Set<String> declaredEvents) {
    boolean eventDeclared = current.definition().tags().stream().map(String::trim).anyMatch(declaredEvents::contains);
    if (!eventDeclared) {
      return Optional.of(new Drift(DriftKind.ORPHANED, current, null, List.of()));
    }
    boolean edited = Fingerprint.read(current.definition()).isPresent() && !Fingerprint.matches(current.definition());
    return Optional.of(new Drift(edited ? DriftKind.EDITED : DriftKind.NOT_REGISTERED, current, null, List.of()));
  }
}
