package dev.esm.core.workspace;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.coverage.CoverageAnalyzer;
import dev.esm.core.coverage.CoverageReport;
import dev.esm.core.coverage.EmissionSite;
import dev.esm.core.coverage.EmittedAt;
import dev.esm.core.coverage.EventCoverage;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.render.Event;
import dev.esm.core.render.RenderContext;
import dev.esm.core.schema.EventDeclaration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * With {@code coverage.sources}, where each event is emitted: an "Emitted at" line for its monitor
 * messages, and a warning at each record that is emitted without any monitor (a blind spot).
 */
final class EmissionNotes {

  private EmissionNotes() {}

  /**
   * Where the events are emitted, by their full names: the "Emitted at" line of each and its sites.
   *
   * @param lines the "Emitted at" line of each event read
   * @param sites where each event read is built, in path and line order
   */
  record Found(Map<String, String> lines, Map<String, List<EmissionSite>> sites) {
    static final Found NONE = new Found(Map.of(), Map.of());
  }

  /** Where each event is emitted; {@link Found#NONE} without {@code coverage.sources}. */
  static Found find(EsmConfig config, SchemaSource source, List<Event> records, RenderContext context,
      int parallelism, List<Diagnostic> diagnostics) {
    List<String> configured = config.coverage().sources();
    if (configured.isEmpty()) {
      return Found.NONE;
    }
    List<Path> folders = new ArrayList<>();
    for (String folder : configured) {
      Path resolved = source.root().resolve(folder).normalize();
      if (!resolved.startsWith(source.root())) {
        diagnostics.add(Diagnostic.warning(config.source(), 0, 0, "coverage.sources: \"" + folder
            + "\" lies outside the schema repository; not read"));
      } else if (Files.isDirectory(resolved)) {
        folders.add(resolved);
      } else {
        diagnostics.add(Diagnostic.warning(config.source(), 0, 0, "coverage.sources: no folder \"" + folder
            + "\" in the schema repository"));
      }
    }
    if (folders.isEmpty()) {
      return Found.NONE;
    }
    CoverageReport report = new CoverageAnalyzer(parallelism).analyze(records, List.of(), folders);
    diagnostics.addAll(report.warnings());
    Map<String, Event> byName = new HashMap<>();
    records.forEach(r -> byName.putIfAbsent(r.declaration().fullName(), r));
    Map<String, String> lines = new HashMap<>();
    Map<String, List<EmissionSite>> sites = new HashMap<>();
    for (EventCoverage coverage : report.events()) {
      lines.put(coverage.event(), EmittedAt.line(coverage.sites(), source.root(), context, configured));
      sites.put(coverage.event(), coverage.sites());
      EventDeclaration declaration = byName.get(coverage.event()).declaration();
      if (!coverage.sites().isEmpty() && !declaration.isMonitored()) {
        diagnostics.add(Diagnostic.warning(declaration.file(), declaration.declaration().line(),
            declaration.declaration().column(), declaration.name() + " is emitted (first at "
                + coverage.sites().get(0).format(source.root()) + (coverage.sites().size() > 1 ? ", "
                + coverage.sites().size() + " sites" : "") + ") but has no monitor: a blind spot"));
      }
    }
    return new Found(lines, sites);
  }
}
