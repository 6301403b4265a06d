package dev.esm.core.render;

import dev.esm.core.annotation.MonitorSpec;
import dev.esm.core.config.EsmConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the monitor message for the on-call engineer: what broke, whose it is, where to look.
 * The notification handles stand last and outside any {@code {{#is_alert}}} block, so that
 * PagerDuty receives the recovery too and resolves its incident.
 */
public final class MessageComposer {

  static final String REGISTERED_BY = "- **Registered by:** ";
  private static final String SCHEMA = "- **Schema:** ";

  private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("\\s*\\R\\s*");

  private final EsmConfig config;

  MessageComposer(EsmConfig config) {
    this.config = config;
  }

  String compose(Event event, MonitorSpec spec, String name, String summary, RenderContext context, List<String> handles,
      String runbookUrl) {
    List<String> lines = new ArrayList<>(16);
    lines.add("**" + name + "** (severity " + spec.severity().label() + ", P" + spec.severity().priority() + ")");
    if (!summary.isBlank()) {
      lines.add(summary);
    }
    lines.add("");
    lines.add("- **Event:** `" + event.declaration().name() + "` (`" + event.declaration().fullName() + "`, tag `"
        + event.eventTag() + "`)");
    if (!event.declaration().doc().isEmpty()) {
      lines.add("- **Description:** " + LINE_BREAKS.matcher(event.declaration().doc()).replaceAll(" "));
    }
    lines.add("- **Owner:** " + (event.owner() == null ? "unknown (add @owner to the record or a CODEOWNERS entry)" : event.team()));
    String fileUrl = context.fileUrl(event.schemaPath());
    lines.add(SCHEMA + (fileUrl == null ? "`" + event.schemaPath() + "`" : "[" + event.schemaPath() + "](" + fileUrl + ")"));
    if (context.pullRequestUrl() != null) {
      lines.add(REGISTERED_BY + context.pullRequestUrl());
    }
    if (runbookUrl != null) {
      lines.add("- **Runbook:** " + runbookUrl);
    }
    lines.add("");
    lines.add("Managed by ESM from the schema: change the `@monitor` annotation, not this monitor.");
    if (!handles.isEmpty()) {
      lines.add("");
      lines.add("Notify: " + String.join(" ", handles));
    }
    return String.join("\n", lines);
  }

  /**
   * The command line registers no pull request: a message rendered there keeps the pull request
   * that last registered the monitor, so that {@code esm plan} after a pull request's
   * registration shows no change and {@code esm apply} does not erase the link.
   */
  public static String keepRegistration(String desired, String current) {
    if (desired.contains("\n" + REGISTERED_BY) || current == null) {
      return desired;
    }
    String registration = current.lines().filter(l -> l.startsWith(REGISTERED_BY)).findFirst().orElse(null);
    if (registration == null) {
      return desired;
    }
    List<String> lines = new ArrayList<>(desired.lines().toList());
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(SCHEMA)) {
        lines.add(i + 1, registration);
        return String.join("\n", lines);
      }
    }
    return desired;
  }

  /** The team's handles for the channels the severity reaches, then the annotation's own. */
  List<String> handles(Event event, MonitorSpec spec) {
    Set<String> handles = new LinkedHashSet<>();
    Map<String, String> team = event.team() == null ? null : config.teams().get(event.team());
    if (team != null) {
      for (String channel : config.channelsFor(spec.severity())) {
        String handle = team.get(channel);
        if (handle != null) {
          handles.add(handle);
        }
      }
    }
    handles.addAll(spec.handles());
    return List.copyOf(handles);
  }
}
