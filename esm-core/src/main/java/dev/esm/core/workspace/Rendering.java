package dev.esm.core.workspace;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.Event;
import dev.esm.core.render.EventRef;
import dev.esm.core.render.RenderContext;
import dev.esm.core.coverage.EmissionSite;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What valid schemas declare.
 *
 * @param monitors the monitors the annotations ask for, sorted by name
 * @param events every record declared in the files read, monitored or not
 * @param eventTags the event tags of those records: the scope a plan may touch
 * @param warnings what is worth saying but does not stop anything
 * @param files how many files were read
 * @param context where the schemas live and which pull request, if any, registers them
 * @param emissions with {@code coverage.sources}, where each record is built, by its full name
 *     (an empty list: no site found); empty without
 * @param coverageRead true when {@code coverage.sources} is configured, so that a record missing
 *     from {@code emissions} or with no site is known not to be emitted there
 */
public record Rendering(
    List<DesiredMonitor> monitors,
    List<Event> events,
    Set<String> eventTags,
    List<Diagnostic> warnings,
    int files,
    RenderContext context,
    Map<String, List<EmissionSite>> emissions,
    boolean coverageRead) {

  public Rendering {
    emissions = Map.copyOf(emissions);
    monitors = List.copyOf(monitors);
    events = List.copyOf(events);
    eventTags = Set.copyOf(eventTags);
    warnings = List.copyOf(warnings);
  }

  /** Every record read, as results name events. */
  public List<EventRef> eventRefs() {
    return events.stream()
        .map(e -> new EventRef(e.declaration().name(), e.declaration().fullName(), e.eventTag()))
        .toList();
  }

  public long monitoredEvents() {
    return events.stream().filter(e -> !e.monitors().isEmpty()).count();
  }
}
