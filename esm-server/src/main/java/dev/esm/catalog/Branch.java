package dev.esm.catalog;

import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.Event;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What one served repository's default branch declares, as the catalog reads it.
 *
 * @param repositoryUrl the repository's page, or null when unknown
 * @param events every record read under {@code github.schema_paths}
 * @param monitors the monitors they ask for
 * @param emissions where each event is built, by its full name (paths relative to the repository);
 *     null when {@code coverage.sources} is not configured
 */
public record Branch(String repository, String branch, URI repositoryUrl, List<Event> events,
    List<DesiredMonitor> monitors, Map<String, List<Catalog.Site>> emissions) {

  public Branch {
    events = List.copyOf(events);
    monitors = List.copyOf(monitors);
    emissions = emissions == null ? null : Map.copyOf(emissions);
  }
}
