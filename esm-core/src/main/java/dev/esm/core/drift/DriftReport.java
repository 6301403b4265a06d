package dev.esm.core.drift;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a drift check found: every drifted monitor, by name, and how many managed monitors match.
 *
 * @param drifts the drifted monitors, sorted by name then kind
 * @param inStep how many monitors of Datadog match the schemas
 */
public record DriftReport(List<Drift> drifts, int inStep) {

  public DriftReport {
    drifts = drifts.stream()
        .sorted(Comparator.comparing(Drift::name).thenComparing(Drift::kind)
            .thenComparing(d -> d.id() == null ? -1L : d.id()))
        .toList();
  }

  public boolean hasDrift() {
    return !drifts.isEmpty();
  }

  /** How many monitors drifted in each way, every kind present (0 when none). */
  public Map<DriftKind, Integer> counts() {
    Map<DriftKind, Integer> counts = new EnumMap<>(DriftKind.class);
    for (DriftKind kind : DriftKind.values()) {
      counts.put(kind, 0);
    }
    drifts.forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
    return counts;
  }
}
