package dev.esm.core.workspace;

import dev.esm.core.annotation.AnnotationReader;
import dev.esm.core.annotation.MonitorSpec;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.files.RefusedFileException;
import dev.esm.core.files.RepositoryFiles;
import dev.esm.core.owner.CodeOwners;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.Event;
import dev.esm.core.render.EventRef;
import dev.esm.core.render.MonitorRenderer;
import dev.esm.core.render.RenderContext;
import dev.esm.core.schema.EventDeclaration;
import dev.esm.core.schema.LoadedFile;
import dev.esm.core.schema.SchemaLoader;
import dev.esm.core.schema.SourceIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads schema files, checks every annotation, and renders the monitors they declare. Every
 * problem of every file is collected before anything is reported: either the whole set is valid,
 * or {@link InvalidInputException} carries all the errors (and the warnings).
 */
public final class Workspace {

  private final EsmConfig config;
  private final AnnotationReader annotations;
  private final MonitorRenderer renderer;

  private final int parallelism;

  public Workspace(EsmConfig config) {
    this(config, Runtime.getRuntime().availableProcessors());
  }

  /** @param parallelism how many files are parsed at once (1: one after the other) */
  public Workspace(EsmConfig config, int parallelism) {
    this.config = config;
    this.parallelism = parallelism;
    this.annotations = new AnnotationReader(config);
    this.renderer = new MonitorRenderer(config);
  }

  public Rendering render(SchemaSource source, RenderContext context) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    CodeOwners codeOwners = CodeOwners.find(new RepositoryFiles(source.root(), config.limits().maxFileBytes()));
    List<Event> events = new ArrayList<>();
    SchemaLoader loader = new SchemaLoader(source.root(), config.limits().maxFileBytes());
    for (LoadedFile loaded : load(loader, source.files())) {
      Path file = loaded.file();
      diagnostics.addAll(loaded.diagnostics());
      for (SourceIndex.Annotation stray : loaded.index().strayAnnotations()) {
        if (stray.name().equals(EventDeclaration.MONITOR) || stray.name().equals(EventDeclaration.OWNER)) {
          diagnostics.add(Diagnostic.error(file, stray.line(), stray.column(),
              "@" + stray.name() + " is read only on records; here it belongs to no record"));
        }
      }
      String relative = source.relative(file);
      for (EventDeclaration declaration : loaded.events()) {
        events.add(event(declaration, relative, codeOwners, diagnostics));
      }
    }
    checkCollisions(events, diagnostics);
    diagnostics.sort(Diagnostic.ORDER);
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      throw new InvalidInputException(diagnostics);
    }
    EmissionNotes.Found emissions = EmissionNotes.find(config, source, events, context, parallelism, diagnostics);
    Map<String, String> emittedAt = emissions.lines();
    diagnostics.sort(Diagnostic.ORDER);
    List<DesiredMonitor> monitors = new ArrayList<>();
    Set<String> eventTags = new LinkedHashSet<>();
    for (Event event : events) {
      eventTags.add(event.eventTag());
      monitors.addAll(renderer.render(event, context, emittedAt.get(event.declaration().fullName())));
    }
    monitors.sort(Comparator.comparing((DesiredMonitor m) -> m.definition().name()));
    return new Rendering(monitors, events, eventTags, diagnostics, source.files().size(), context, emissions.sites(),
        !config.coverage().sources().isEmpty());
  }

  private List<LoadedFile> load(SchemaLoader loader, List<Path> files) {
    return loader.loadAll(files, parallelism);
  }

  /**
   * The event tags of the records that files declare, read without parsing: the scope of a
   * file's earlier version, which may no longer parse or may import what is gone. Files are read
   * only inside {@code root}, as schemas are.
   */
  public Set<String> declaredEventTags(Path root, List<Path> files) {
    Set<String> tags = new LinkedHashSet<>();
    declaredEvents(root, files).forEach(e -> tags.add(e.tag()));
    return tags;
  }

  /** As {@link #declaredEventTags(Path, List)}, each file checked against its own folder. */
  public Set<String> declaredEventTags(List<Path> files) {
    Set<String> tags = new LinkedHashSet<>();
    declaredEvents(files).forEach(e -> tags.add(e.tag()));
    return tags;
  }

  /** The same records as events: simple name and tag (the lexer does not know the namespace). */
  public List<EventRef> declaredEvents(Path root, List<Path> files) {
    RepositoryFiles repository = new RepositoryFiles(root, config.limits().maxFileBytes());
    List<EventRef> events = new ArrayList<>();
    for (Path file : files) {
      try {
        SourceIndex.of(repository.read(file)).records().forEach(r -> events.add(new EventRef(r.name(), null, eventTag(r.name()))));
      } catch (RefusedFileException e) {
        // A file that cannot be read (or must not be) declares nothing that we could know of.
      }
    }
    return events;
  }

  /** As {@link #declaredEvents(Path, List)}, each file checked against its own folder. */
  public List<EventRef> declaredEvents(List<Path> files) {
    List<EventRef> events = new ArrayList<>();
    files.forEach(file -> events.addAll(declaredEvents(file.toAbsolutePath().normalize().getParent(), List.of(file))));
    return events;
  }

  public String eventTag(String recordName) {
    return config.eventTag().key() + ":" + config.eventTag().style().apply(recordName);
  }

  private Event event(EventDeclaration declaration, String relative, CodeOwners codeOwners, List<Diagnostic> diagnostics) {
    String owner = annotations.owner(declaration, diagnostics);
    if (owner == null) {
      owner = codeOwners.ownersOf(relative).map(owners -> owners.get(0)).orElse(null);
    }
    List<MonitorSpec> specs = annotations.monitors(declaration, diagnostics);
    Event event = new Event(declaration, config.eventTag().style().apply(declaration.name()),
        eventTag(declaration.name()), owner, specs, relative);
    if (declaration.isMonitored()) {
      warnAboutRouting(event, diagnostics);
    }
    return event;
  }

  private void warnAboutRouting(Event event, List<Diagnostic> diagnostics) {
    EventDeclaration declaration = event.declaration();
    int line = declaration.lineOf(EventDeclaration.MONITOR);
    int column = declaration.columnOf(EventDeclaration.MONITOR);
    if (event.owner() == null) {
      diagnostics.add(Diagnostic.warning(declaration.file(), line, column, declaration.name()
          + " has no owner: add @owner(\"team-…\") to the record or a CODEOWNERS entry for its file"));
    } else if (!config.teams().isEmpty() && !config.teams().containsKey(event.team())) {
      diagnostics.add(Diagnostic.warning(declaration.file(), line, column, "team \"" + event.team()
          + "\" has no notification handles in the configuration (teams." + event.team() + "): alerts reach only @monitor's notify"));
    }
  }

  /** Two monitored records with one event tag would give their monitors the same names. */
  private static void checkCollisions(List<Event> events, List<Diagnostic> diagnostics) {
    Map<String, Event> first = new HashMap<>();
    for (Event event : events) {
      if (!event.declaration().isMonitored()) {
        continue;
      }
      Event earlier = first.putIfAbsent(event.eventTag(), event);
      if (earlier != null) {
        EventDeclaration here = event.declaration();
        EventDeclaration there = earlier.declaration();
        diagnostics.add(Diagnostic.error(here.file(), here.lineOf(EventDeclaration.MONITOR), here.columnOf(EventDeclaration.MONITOR),
            "monitored record " + here.fullName() + " has the same event name as " + there.fullName() + " ("
                + there.file().getFileName() + ":" + there.lineOf(EventDeclaration.MONITOR)
                + "): their monitors would collide; rename one"));
      }
    }
  }
}
