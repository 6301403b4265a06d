package dev.esm.core.render;

import dev.esm.core.annotation.MonitorSpec;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.config.KindDefinition;
import dev.esm.core.config.KindVariables;
import dev.esm.core.template.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns an event's checked annotations into Datadog monitor bodies. */
public final class MonitorRenderer {

  private final EsmConfig config;
  private final MessageComposer messages;

  public MonitorRenderer(EsmConfig config) {
    this.config = config;
    this.messages = new MessageComposer(config);
  }

  public List<DesiredMonitor> render(Event event, RenderContext context) {
    return render(event, context, null);
  }

  /** @param emittedAt a line saying where the event is emitted, for the message; null for none */
  public List<DesiredMonitor> render(Event event, RenderContext context, String emittedAt) {
    List<DesiredMonitor> monitors = new ArrayList<>();
    if (event.monitors().isEmpty()) {
      return monitors;
    }
    Map<String, Object> eventVariables = KindVariables.forEvent(config, event.declaration().name(),
        event.declaration().schema().getNamespace(), event.eventValue(), event.team(), null);
    for (MonitorSpec spec : event.monitors()) {
      monitors.add(new DesiredMonitor(definition(event, spec, context, eventVariables, emittedAt),
          new EventRef(event.declaration().name(), event.declaration().fullName(), event.eventTag()), spec.kind(),
          event.declaration().file(), spec.line()));
    }
    return monitors;
  }

  /** {@code <Title> with <Record>}, or {@code <Title> (<qualifier>) with <Record>}. */
  public static String monitorName(String title, String qualifier, String record) {
    return title + (qualifier == null ? "" : " (" + qualifier + ")") + " with " + record;
  }

  private MonitorDefinition definition(Event event, MonitorSpec spec, RenderContext context,
      Map<String, Object> eventVariables, String emittedAt) {
    KindDefinition kind = config.kinds().get(spec.kind());
    Map<String, Object> variables = KindVariables.withParameters(eventVariables, kind, spec.parameters());
    variables.put("severity", spec.severity().label());
    String name = monitorName(kind.title(), spec.qualifier(), event.declaration().name());
    var substitutor = Templates.substitutor(variables);
    String query = substitutor.apply(kind.query());
    @SuppressWarnings("unchecked")
    Map<String, Object> options = (Map<String, Object>) Templates.renderValue(kind.options(), variables);
    String summary = substitutor.apply(kind.summary());
    String message = messages.compose(event, spec, name, summary, context, messages.handles(event, spec),
        runbookUrl(event, spec), emittedAt);
    return new MonitorDefinition(name, kind.monitorType(), query, message, tags(event, spec), spec.severity().priority(),
        new LinkedHashMap<>(options));
  }

  private List<String> tags(Event event, MonitorSpec spec) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add(config.identityTag());
    tags.add(event.eventTag());
    if (event.team() != null) {
      tags.add("team:" + event.team());
    }
    tags.add("severity:" + spec.severity().label());
    tags.addAll(spec.tags());
    return List.copyOf(tags);
  }

  private String runbookUrl(Event event, MonitorSpec spec) {
    if (config.runbookUrl() == null || config.runbookUrl().isBlank()) {
      return null;
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("event", event.eventValue());
    variables.put("record", event.declaration().name());
    String namespace = event.declaration().schema().getNamespace();
    variables.put("namespace", namespace == null ? "" : namespace);
    variables.put("team", event.team() == null ? "" : event.team());
    variables.put("kind", spec.kind());
    variables.put("environment", config.environment());
    variables.put("severity", spec.severity().label());
    return Templates.render(config.runbookUrl(), variables);
  }
}
