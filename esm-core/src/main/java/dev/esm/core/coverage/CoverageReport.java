package dev.esm.core.coverage;

import dev.esm.core.diagnostic.Diagnostic;
import java.util.List;

/**
 * Every event with its monitors and emission sites, and the two lists that matter: events emitted
 * without a monitor (blind spots) and monitored events that no source emits (dead monitors).
 *
 * @param events in order of their full names
 * @param warnings Java files that could not be parsed
 * @param javaFiles how many Java files were read
 */
public record CoverageReport(List<EventCoverage> events, List<Diagnostic> warnings, int javaFiles) {

  public CoverageReport {
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  public List<String> emittedWithoutMonitors() {
    return events.stream().filter(EventCoverage::isBlindSpot).map(EventCoverage::event).toList();
  }

  public List<String> monitoredNotEmitted() {
    return events.stream().filter(EventCoverage::isDeadMonitor).map(EventCoverage::event).toList();
  }
}
