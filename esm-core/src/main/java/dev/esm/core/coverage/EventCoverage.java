package dev.esm.core.coverage;

import java.nio.file.Path;
import java.util.List;

/**
 * One event and where it is emitted.
 *
 * @param event the record's full Avro name
 * @param javaClass the class Avro's compiler generates for it
 * @param owner the owning team, or null when none is known
 * @param schema the schema file that declares it
 * @param monitors the names of its monitors
 * @param sites where it is built, in path and line order
 */
public record EventCoverage(String event, String javaClass, String owner, Path schema, List<String> monitors,
    List<EmissionSite> sites) {

  public EventCoverage {
    monitors = List.copyOf(monitors);
    sites = List.copyOf(sites);
  }

  public boolean isBlindSpot() {
    return monitors.isEmpty() && !sites.isEmpty();
  }

  public boolean isDeadMonitor() {
    return !monitors.isEmpty() && sites.isEmpty();
  }
}
