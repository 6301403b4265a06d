package dev.esm.webhook;

import dev.esm.core.apply.ApplyResult;
import dev.esm.core.drift.DriftKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The words of drift: the issue "ESM drift report", its closing comment, and the Slack announcements. */
final class DriftMessages {

  static final String ISSUE_TITLE = "ESM drift report";
  private static final String STATE_PREFIX = "<!-- esm-drift-state: ";
  private static final Pattern STATE_LINE = Pattern.compile("^<!-- esm-drift-state: (.*) -->$", Pattern.MULTILINE);

  private DriftMessages() {}

  /**
   * The issue's text: one row per drifted monitor, with links, owner and kind, then what to do. It
   * holds no time, so an unchanged list gives the same text; its last line keeps the list's keys.
   */
  static String issueBody(String repository, String branch, List<DriftRow> rows, List<ApplyResult.Outcome> repaired) {
    StringBuilder out = new StringBuilder();
    if (rows.isEmpty()) {
      out.append("Datadog matches the default branch `").append(branch).append("` of ").append(repository).append(" again.\n");
    } else {
      out.append("ESM compared Datadog with the default branch `").append(branch).append("` of ").append(repository).append(": ")
          .append(rows.size()).append(rows.size() == 1 ? " monitor no longer matches it.\n\n" : " monitors no longer match it.\n\n");
      out.append("| monitor | drift | owner |\n|---|---|---|\n");
      for (DriftRow row : rows) {
        out.append("| ").append(monitorCell(row)).append(" | ").append(row.kind().label());
        if (!row.fields().isEmpty()) {
          out.append(": ").append(row.fields().stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")));
        }
        out.append(" | ").append(row.owner() == null ? "unknown" : row.owner()).append(" |\n");
      }
      out.append('\n').append(whatToDo(rows));
    }
    if (!repaired.isEmpty()) {
      out.append("\nRepaired at the last check (`drift.repair: true`):\n");
      repaired.forEach(o -> out.append("- ").append(repairLine(o, false)).append('\n'));
    }
    out.append('\n').append(STATE_PREFIX).append(String.join(" ; ", rows.stream().map(DriftRow::key).toList()))
        .append(" -->\n");
    return out.toString();
  }

  /** The keys of the list an issue text shows (see {@link #issueBody}); empty when it shows none. */
  static Set<String> keysOf(String body) {
    Set<String> keys = new LinkedHashSet<>();
    Matcher state = STATE_LINE.matcher(body == null ? "" : body.replace("\r\n", "\n"));
    if (state.find()) {
      for (String key : state.group(1).split(" ; ")) {
        if (!key.isBlank()) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  static String closingComment(String branch, List<ApplyResult.Outcome> repaired) {
    return repaired.isEmpty()
        ? "No drift any more: every managed monitor matches the default branch `" + branch + "`. Closing."
        : "ESM repaired the drift: every managed monitor matches the default branch `" + branch + "` again. Closing.";
  }

  /** Slack: the drift a check found that the checks before it had not. */
  static String newDrift(String repository, URI repositoryUrl, String branch, List<DriftRow> fresh, URI issue) {
    StringBuilder out = new StringBuilder("*Drift* in ").append(link(repositoryUrl, repository)).append(": ")
        .append(fresh.size()).append(fresh.size() == 1 ? " monitor" : " monitors").append(" left the default branch `")
        .append(branch).append('`');
    for (DriftRow row : fresh) {
      out.append("\n• ").append(row.kind().label()).append(": ")
          .append(row.datadogUrl() == null ? row.name() : link(row.datadogUrl(), row.name()));
    }
    if (issue != null) {
      out.append('\n').append(link(issue, ISSUE_TITLE));
    }
    return out.toString();
  }

  /** Slack: what repair wrote. */
  static String repaired(String repository, URI repositoryUrl, String branch, List<ApplyResult.Outcome> outcomes) {
    StringBuilder out = new StringBuilder("*Repaired* ").append(link(repositoryUrl, repository))
        .append(": Datadog made to match the default branch `").append(branch).append('`');
    outcomes.forEach(o -> out.append("\n• ").append(repairLine(o, true)));
    return out.toString();
  }

  private static String repairLine(ApplyResult.Outcome outcome, boolean slack) {
    String verb = switch (outcome.status()) {
      case CREATED -> "re-created";
      case UPDATED -> "updated";
      case DELETED -> "deleted";
      case BLOCKED -> "not deleted (still used)";
      case FAILED -> "failed";
      case UNCHANGED -> "unchanged";
    };
    String name = outcome.url() == null ? outcome.name()
        : slack ? link(outcome.url(), outcome.name()) : "[" + outcome.name() + "](" + outcome.url() + ")";
    return verb + ": " + name + (outcome.error() == null ? "" : " (" + outcome.error() + ")");
  }

  private static String monitorCell(DriftRow row) {
    if (row.datadogUrl() != null) {
      return "[" + escape(row.name()) + "](" + row.datadogUrl() + ") (ID " + row.id() + ")";
    }
    if (row.schemaUrl() != null) {
      return escape(row.name()) + ", declared in [" + row.schemaPath() + "](" + row.schemaUrl() + ")";
    }
    return escape(row.name()) + (row.schemaPath() == null ? "" : ", declared in `" + row.schemaPath() + "`");
  }

  private static String whatToDo(List<DriftRow> rows) {
    Set<DriftKind> kinds = rows.stream().map(DriftRow::kind).collect(Collectors.toCollection(java.util.TreeSet::new));
    List<String> steps = new ArrayList<>();
    for (DriftKind kind : kinds) {
      steps.add(switch (kind) {
        case EDITED -> "- *edited in Datadog*: someone changed the monitor in Datadog. To keep the change, put it into the"
            + " `@monitor` annotation in a pull request and comment `esm register` on it; to drop it, comment `esm register`"
            + " on a pull request that touches the schema.";
        case NOT_REGISTERED -> "- *not registered*: the schema changed on the default branch and nobody registered it:"
            + " comment `esm register` on a pull request that touches the schema.";
        case MISSING -> "- *missing*: the schema declares the monitor and Datadog has none: comment `esm register` on a"
            + " pull request that touches the schema.";
        case ORPHANED -> "- *orphaned*: no schema declares its event any more: delete it in Datadog, or run"
            + " `esm apply --prune` on a checkout of the default branch.";
      });
    }
    steps.add("- Or set `drift.repair: true` in ESM's configuration: each check then makes Datadog match the default branch.");
    return "**What to do**\n\n" + String.join("\n", steps) + "\n";
  }

  private static String link(URI url, String text) {
    return url == null ? text : "<" + url + "|" + text.replace("|", "¦").replace(">", "›") + ">";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
