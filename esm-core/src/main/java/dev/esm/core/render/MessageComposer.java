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
  /** The line of {@code coverage.sources}: where the event is built. */
  public static final String EMITTED_AT = "- **Emitted at:** ";

  private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("\\s*\\R\\s*");

  private final EsmConfig config;

  MessageComposer(EsmConfig config) {
    this.config = config;
  }

  /** @param emittedAt the "Emitted at" line of {@code coverage.sources}, or null */
  String compose(Event event, MonitorSpec spec, String name, String summary, RenderContext context, List<String> handles,
      String runbookUrl, String emittedAt) {
    StringBuilder out = new StringBuilder(1024);
    out.append("**").append(name).append("** (severity ").append(spec.severity().label()).append(", P")
        .append(spec.severity().priority()).append(')');
    if (!summary.isBlank()) {
      out.append('\n').append(summary);
    }
    out.append("\n\n- **Event:** `").append(event.declaration().name()).append("` (`").append(event.declaration().fullName())
        .append("`, tag `").append(event.eventTag()).append("`)");
    if (!event.declaration().doc().isEmpty()) {
      out.append("\n- **Description:** ").append(LINE_BREAKS.matcher(event.declaration().doc()).replaceAll(" "));
    }
    out.append("\n- **Owner:** ")
        .append(event.owner() == null ? "unknown (add @owner to the record or a CODEOWNERS entry)" : event.team());
    String fileUrl = context.fileUrl(event.schemaPath());
    out.append('\n').append(SCHEMA)
        .append(fileUrl == null ? "`" + event.schemaPath() + "`" : "[" + event.schemaPath() + "](" + fileUrl + ")");
    if (context.pullRequestUrl() != null) {
      out.append('\n').append(REGISTERED_BY).append(context.pullRequestUrl());
    }
    if (emittedAt != null) {
      out.append('\n').append(emittedAt);
    }
    if (runbookUrl != null) {
      out.append("\n- **Runbook:** ").append(runbookUrl);
    }
    out.append("\n\nManaged by ESM from the schema: change the `@monitor` annotation, not this monitor.");
    if (!handles.isEmpty()) {
      out.append("\n\nNotify: ").append(String.join(" ", handles));
    }
    return out.toString();
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

  /** The pull request the message names as the one that last registered the monitor; null when none. */
  public static PullRequestLink registeredBy(String message) {
    if (message == null) {
      return null;
    }
    return message.lines().filter(l -> l.startsWith(REGISTERED_BY)).findFirst()
        .map(l -> l.substring(REGISTERED_BY.length()).strip()).filter(u -> !u.isEmpty()).map(PullRequestLink::of)
        .orElse(null);
  }

  /**
   * The page of the schema file the message links to (its "Schema" line, as rendered with a
   * repository URL); null when the line names the file without a link, or there is none.
   */
  public static String schemaUrl(String message) {
    if (message == null) {
      return null;
    }
    return message.lines().filter(l -> l.startsWith(SCHEMA)).findFirst().map(l -> {
      java.util.regex.Matcher link = SCHEMA_LINK.matcher(l.substring(SCHEMA.length()));
      return link.matches() && link.group(1) != null ? link.group(2).strip() : null;
    }).filter(u -> !u.isEmpty()).orElse(null);
  }

  /** The message without its registering pull request's line: what the default branch itself declares. */
  public static String withoutRegistration(String message) {
    if (!message.contains(REGISTERED_BY)) {
      return message;
    }
    return String.join("\n", message.lines().filter(l -> !l.startsWith(REGISTERED_BY)).toList());
  }

  /**
   * The message without the links ESM writes into it, which depend on where and from which pull
   * request it was rendered: the registering pull request's line goes, the schema's line keeps
   * only the file's path. What drift compares and fingerprints. The "Emitted at" line goes too:
   * it follows the services' code, not the schemas.
   */
  public static String withoutLinks(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (String line : message.replace("\r\n", "\n").split("\n", -1)) {
      if (line.startsWith(REGISTERED_BY) || line.startsWith(EMITTED_AT)) {
        continue;
      }
      if (line.startsWith(SCHEMA)) {
        java.util.regex.Matcher link = SCHEMA_LINK.matcher(line.substring(SCHEMA.length()));
        if (link.matches()) {
          line = SCHEMA + (link.group(1) != null ? link.group(1) : link.group(3));
        }
      }
      out.append(line).append('\n');
    }
    return out.substring(0, Math.max(0, out.length() - 1));
  }

  private static final java.util.regex.Pattern SCHEMA_LINK = java.util.regex.Pattern.compile("\\[([^\\]]*)\\]\\((.*)\\)|`([^`]*)`");

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
