package dev.esm.core.coverage;

import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts the schemas' events, their monitors and the Java sources together into a {@link CoverageReport}. */
public final class CoverageAnalyzer {

  private final EmissionScanner scanner;

  public CoverageAnalyzer(int parallelism) {
    this.scanner = new EmissionScanner(parallelism);
  }

  /**
   * @param records every record of the schemas read (the events are picked among them)
   * @param monitors the monitors rendered from them
   * @param sourceFolders where the Java sources are
   */
  public CoverageReport analyze(List<Event> records, List<DesiredMonitor> monitors, List<Path> sourceFolders) {
    List<Event> events = new ArrayList<>(EventSelection.events(records));
    events.sort(Comparator.comparing(e -> e.declaration().fullName()));
    Map<String, Event> byClass = new LinkedHashMap<>();
    for (Event event : events) {
      byClass.putIfAbsent(GeneratedClassName.of(event.declaration().schema()), event);
    }
    EmissionScanner.Emissions emissions = scanner.scan(sourceFolders, byClass.keySet());
    Map<String, List<String>> monitorNames = new HashMap<>();
    for (DesiredMonitor monitor : monitors) {
      monitorNames.computeIfAbsent(monitor.eventTag(), k -> new ArrayList<>()).add(monitor.definition().name());
    }
    List<EventCoverage> coverage = new ArrayList<>();
    byClass.forEach((javaClass, event) -> coverage.add(new EventCoverage(event.declaration().fullName(), javaClass,
        event.team(), event.declaration().file(),
        event.monitors().isEmpty() ? List.of() : monitorNames.getOrDefault(event.eventTag(), List.of()),
        emissions.of(javaClass))));
    return new CoverageReport(coverage, emissions.warnings(), emissions.files());
  }
}
