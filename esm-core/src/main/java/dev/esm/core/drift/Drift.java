package dev.esm.core.drift;

import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.render.DesiredMonitor;
import java.util.List;

/**
 * One drifted monitor.
 *
 * @param kind how it drifted
 * @param current the monitor in Datadog; null when missing
 * @param desired what the schemas declare for it; null when orphaned or no longer declared
 * @param differences for an edit, each field whose value in Datadog ({@link FieldDifference#oldValue()})
 *     differs from the value ESM writes ({@link FieldDifference#newValue()}); empty otherwise
 */
public record Drift(DriftKind kind, RemoteMonitor current, DesiredMonitor desired, List<FieldDifference> differences) {

  public Drift {
    if (current == null && desired == null) {
      throw new IllegalArgumentException("a drift concerns a monitor in Datadog or in the schemas");
    }
    differences = List.copyOf(differences);
  }

  public String name() {
    return desired != null ? desired.definition().name() : current.definition().name().trim();
  }

  /** The monitor's ID in Datadog, or null when missing. */
  public Long id() {
    return current == null ? null : current.id();
  }

  /** The event tag the monitor belongs to, from the schemas or, failing that, from its tags in Datadog. */
  public String eventTag(String eventTagKey) {
    if (desired != null) {
      return desired.eventTag();
    }
    return current.definition().tags().stream().map(String::trim).filter(t -> t.startsWith(eventTagKey + ":"))
        .findFirst().orElse(null);
  }
}
