package dev.esm.webhook;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.core.plan.Action;
import dev.esm.webhook.CommandResult.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every comment ESM writes on a pull request, and the commit status descriptions. Each comment
 * starts with a hidden marker ({@code <!-- esm:plan -->}, {@code <!-- esm:register -->}, …) by
 * which ESM finds its own comments again.
 */
public final class ResultCommentRenderer {

  /** GitHub refuses comments over 65,536 characters; stay well below. */
  public static final int DEFAULT_COMMENT_LIMIT = 60_000;
  /** Lists longer than this are folded. */
  static final int FOLD_AFTER = 20;
  /** How much of a comment's words ESM ever quotes back. */
  static final int ECHO_LIMIT = 40;

  private static final String NOTHING_CHANGED = "Nothing was changed in Datadog.";

  private final int commentLimit;

  public ResultCommentRenderer() {
    this(DEFAULT_COMMENT_LIMIT);
  }

  public ResultCommentRenderer(int commentLimit) {
    this.commentLimit = commentLimit;
  }

  /** Matches the first line of any part of ESM's comments of this kind. */
  static Pattern markerPattern(PullRequestCommand command) {
    return markerPattern(command.word());
  }

  /** Matches the first line of any part of ESM's comments of {@code kind}, e.g. {@code restore}. */
  static Pattern markerPattern(String kind) {
    return Pattern.compile("^<!-- esm:" + kind + "( part \\d+)? -->\\s*$");
  }

  /** The result of {@code plan} or {@code register}: one comment, or several when long. */
  List<String> result(SchemaCommand kind, PullRequestSnapshot pr, CommandResult result) {
    CommentBuilder out = new CommentBuilder(kind.word(), commentLimit);
    if (result.isInvalid()) {
      renderErrors(out, kind, pr, result);
    } else if (kind.writesToDatadog() && result.compatibility().blocks()) {
      renderBlocked(out, pr, result);
    } else if (kind.writesToDatadog() && result.conflicts().refused()) {
      renderRefusedForConflicts(out, pr, result);
    } else {
      renderRows(out, kind, pr, result);
    }
    return out.build();
  }

  private void renderErrors(CommentBuilder out, SchemaCommand kind, PullRequestSnapshot pr, CommandResult result) {
    List<Diagnostic> errors = result.errors();
    out.paragraph("### ❌ `esm " + kind.word() + "`: " + count(errors.size(), "error", "errors") + " in the schemas");
    out.paragraph("Checked the schemas changed by #" + pr.number() + " at " + shortSha(pr.headSha()) + forWhom(pr) + " and found "
        + (errors.size() == 1 ? "this error" : "these errors") + "; fix " + (errors.size() == 1 ? "it" : "them")
        + " and comment `esm " + kind.word() + "` again.");
    diagnostics(out, pr, errors, count(errors.size(), "error", "errors"));
    out.paragraph("**" + NOTHING_CHANGED + "**");
    warnings(out, pr, result.warnings());
  }

  private void renderBlocked(CommentBuilder out, PullRequestSnapshot pr, CommandResult result) {
    int n = result.compatibility().report().incompatibilities().size();
    out.paragraph("### ⛔ `esm register`: blocked by " + count(n, "incompatible schema change", "incompatible schema changes"));
    out.paragraph("Checked the schemas changed by #" + pr.number() + " at " + shortSha(pr.headSha()) + forWhom(pr)
        + ": fix " + (n == 1 ? "this change" : "these changes") + " (or set `compatibility.enforce: false`) and comment"
        + " `esm register` again.");
    CompatibilitySection.render(out, pr, result.compatibility());
    out.paragraph("**" + NOTHING_CHANGED + "**");
    warnings(out, pr, result.warnings());
  }

  private void renderRefusedForConflicts(CommentBuilder out, PullRequestSnapshot pr, CommandResult result) {
    List<Integer> open = result.conflicts().open();
    String prs = pullRequests(open);
    out.paragraph("### ⛔ `esm register`: " + prs + (open.size() == 1 ? " is" : " are") + " still open");
    out.paragraph("Checked the schemas changed by #" + pr.number() + " at " + shortSha(pr.headSha()) + forWhom(pr) + ": "
        + prs + (open.size() == 1 ? " is" : " are") + " still open and registered last "
        + (result.rows().size() == 1 ? "a monitor" : "monitors") + " this pull request changes; this repository refuses"
        + " such a register (`register.conflicts: refuse`)."
        + " Merge or close " + prs + " (or agree which change wins), then comment `esm register` again.");
    out.openSection(result.rows().size() > FOLD_AFTER ? count(result.rows().size(), "monitor", "monitors") : null,
        "| Monitor | Event | Last registered by |\n| --- | --- | --- |");
    for (Row row : result.rows()) {
      out.line("| " + monitor(Commands.PLAN, row) + " | " + event(row) + " | " + cell(row.details()) + " |");
    }
    out.closeSection();
    out.paragraph("**" + NOTHING_CHANGED + "**");
    warnings(out, pr, result.warnings());
  }

  private void renderRows(CommentBuilder out, SchemaCommand kind, PullRequestSnapshot pr, CommandResult result) {
    boolean plan = !kind.writesToDatadog();
    String icon = result.succeeded() ? (plan ? "📋" : "✅") : "⚠️";
    out.paragraph("### " + icon + " `esm " + kind.word() + "`: " + counts(kind, result));
    out.paragraph(intro(kind, pr));
    if (!result.summary().isEmpty()) {
      out.paragraph(result.summary());
    }
    if (!plan && result.conflicts().any()) {
      String prs = pullRequests(result.conflicts().open());
      out.paragraph("**Conflict:** " + prs + (result.conflicts().open().size() == 1 ? " is" : " are")
          + " still open and registered some of these monitors last: registering #" + pr.number() + " changed them"
          + " (`register.conflicts: warn`). If " + prs + " registers again, it changes them back.");
    }

    long failed = result.count(Action.FAILED);
    long blocked = result.count(Action.BLOCKED);
    if (failed > 0) {
      out.paragraph("**" + count(failed, "monitor", "monitors") + (plan ? " could not be planned" : " could not be registered")
          + ".** " + (plan ? "Comment `esm plan` again to retry." : "The others were; comment `esm register` again to retry, it picks up where this left off."));
    }
    if (blocked > 0) {
      out.paragraph("**" + count(blocked, "monitor was", "monitors were") + " left alone on purpose**: see why below, fix it, then comment `esm "
          + kind.word() + "` again.");
    }

    List<Row> changes = new ArrayList<>();
    for (Action action : List.of(Action.FAILED, Action.BLOCKED, Action.CREATE, Action.UPDATE, Action.DELETE)) {
      result.rows().stream().filter(r -> r.action() == action).forEach(changes::add);
    }
    List<Row> unchanged = result.rows().stream().filter(r -> r.action() == Action.UNCHANGED).toList();

    if (result.rows().isEmpty()) {
      out.paragraph("No monitors in scope: the schemas this pull request changes declare none, and none "
          + (plan ? "are" : "were") + " registered for their events.");
    }
    if (!changes.isEmpty()) {
      String summary = changes.size() > FOLD_AFTER ? count(changes.size(), plan ? "change" : "change", "changes") : null;
      out.openSection(summary, "| Action | Monitor | Event | Details |\n| --- | --- | --- | --- |");
      for (Row row : changes) {
        out.line("| " + label(kind, row.action()) + " | " + monitor(kind, row) + " | " + event(row) + " | " + cell(row.details()) + " |");
      }
      out.closeSection();
    }
    if (!unchanged.isEmpty()) {
      out.openSection(count(unchanged.size(), "monitor", "monitors") + " left unchanged", "| Monitor | Event |\n| --- | --- |");
      for (Row row : unchanged) {
        out.line("| " + monitor(kind, row) + " | " + event(row) + " |");
      }
      out.closeSection();
    }
    CompatibilitySection.render(out, pr, result.compatibility());
    warnings(out, pr, result.warnings());
    if (plan) {
      boolean changesPlanned = result.count(Action.CREATE) + result.count(Action.UPDATE) + result.count(Action.DELETE) > 0;
      out.paragraph(NOTHING_CHANGED + (changesPlanned ? " Comment `esm register` to apply this plan." : " Datadog already matches these schemas."));
    }
  }

  private static String pullRequests(List<Integer> numbers) {
    return String.join(", ", numbers.stream().map(n -> "#" + n).toList());
  }

  private static String intro(SchemaCommand kind, PullRequestSnapshot pr) {
    return kind.doneVerb() + " the schemas changed by #" + pr.number() + " at " + shortSha(pr.headSha()) + forWhom(pr) + ".";
  }

  private static String forWhom(PullRequestSnapshot pr) {
    return pr.commenter() == null ? "" : " for @" + pr.commenter();
  }

  private void diagnostics(CommentBuilder out, PullRequestSnapshot pr, List<Diagnostic> list, String what) {
    out.openSection(list.size() > FOLD_AFTER ? what : null, null);
    List<Diagnostic> sorted = new ArrayList<>(list);
    sorted.sort(java.util.Comparator.comparing((Diagnostic d) -> d.file() == null ? "" : location(pr, d.file())[0])
        .thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column).thenComparing(Diagnostic::message));
    for (Diagnostic d : sorted) {
      out.line("- " + diagnostic(pr, d));
    }
    out.closeSection();
  }

  private void warnings(CommentBuilder out, PullRequestSnapshot pr, List<Diagnostic> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    out.paragraph("#### " + count(warnings.size(), "warning", "warnings"));
    diagnostics(out, pr, warnings, count(warnings.size(), "warning", "warnings"));
  }

  /** {@code [path:line](link): message}, the path relative to the repository and linked at the right commit. */
  static String diagnostic(PullRequestSnapshot pr, Diagnostic d) {
    String message = d.message().strip().replace("\r", "").replace("\n", "\n  ");
    if (d.file() == null) {
      return message;
    }
    Path file = d.file();
    String[] where = location(pr, file);
    String relative = where[0];
    String sha = where[1];
    String label = d.line() > 0 ? relative + ":" + d.line() : relative;
    String prefix = d.isError() ? "" : "warning: ";
    if (pr.repositoryUrl() == null || file.isAbsolute() && relative.startsWith("/")) {
      return "`" + label + "`: " + prefix + message;
    }
    String link = pr.fileUrl(sha, relative) + (d.line() > 0 ? "#L" + d.line() : "");
    return "[`" + label + "`](" + link + "): " + prefix + message;
  }

  /** The file's path in the repository and the commit it belongs to (head, or base for a file under baseRoot). */
  static String[] location(PullRequestSnapshot pr, Path file) {
    if (file.isAbsolute()) {
      Path abs = file.normalize();
      Path head = pr.headRoot().toAbsolutePath().normalize();
      Path base = pr.baseRoot().toAbsolutePath().normalize();
      if (abs.startsWith(head)) {
        return new String[] {head.relativize(abs).toString().replace('\\', '/'), pr.headSha()};
      }
      if (abs.startsWith(base)) {
        return new String[] {base.relativize(abs).toString().replace('\\', '/'), pr.baseSha()};
      }
    }
    return new String[] {file.toString().replace('\\', '/'), pr.headSha()};
  }

  /** The heading's counts, e.g. "1 created, 2 unchanged" or "1 to create, 2 unchanged". */
  static String counts(PullRequestCommand kind, CommandResult result) {
    boolean plan = !kind.writesToDatadog();
    List<String> parts = new ArrayList<>();
    add(parts, result.count(Action.CREATE), plan ? "to create" : "created");
    add(parts, result.count(Action.UPDATE), plan ? "to update" : "updated");
    add(parts, result.count(Action.DELETE), plan ? "to delete" : "deleted");
    add(parts, result.count(Action.UNCHANGED), "unchanged");
    add(parts, result.count(Action.FAILED), "failed");
    add(parts, result.count(Action.BLOCKED), "blocked");
    return parts.isEmpty() ? "no monitors in scope" : String.join(", ", parts);
  }

  private static void add(List<String> parts, long n, String word) {
    if (n > 0) {
      parts.add(n + " " + word);
    }
  }

  private static String label(PullRequestCommand kind, Action action) {
    boolean plan = !kind.writesToDatadog();
    return switch (action) {
      case CREATE -> plan ? "Create" : "Created";
      case UPDATE -> plan ? "Update" : "Updated";
      case DELETE -> plan ? "Delete" : "Deleted";
      case UNCHANGED -> "Unchanged";
      case FAILED -> "❌ **Failed**";
      case BLOCKED -> "⛔ **Blocked**";
    };
  }

  private static String monitor(PullRequestCommand kind, Row row) {
    String name = escape(row.monitorName());
    boolean gone = kind.writesToDatadog() && row.action() == Action.DELETE;
    return row.datadogUrl() == null || gone ? name : "[" + name + "](" + row.datadogUrl() + ")";
  }

  private static String event(Row row) {
    return row.event().isEmpty() ? "" : "`" + row.event().replace("`", "'").replace("|", "\\|") + "`";
  }

  private static String cell(String text) {
    return escape(text.strip().replace("\r", "").replace("\n", "<br>"));
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
        .replace("<", "&lt;").replace(">", "&gt;").replace("&lt;br&gt;", "<br>");
  }

  // ---------------------------------------------------------------- restore on close

  /**
   * Restore on close: every monitor set back to the default branch, and what was done. Only
   * written when something needed restoring.
   */
  List<String> restored(PullRequestSnapshot pr, CommandResult result) {
    CommentBuilder out = new CommentBuilder("restore", commentLimit);
    String branch = "`" + pr.defaultBranch() + "`";
    out.paragraph("### " + (result.succeeded() ? "↩️" : "⚠️") + " Restored from " + branch + ": "
        + counts(Commands.REGISTER, result));
    out.paragraph("#" + pr.number() + " was closed without merging: ESM set the monitors of the events its schemas change"
        + " back to what " + branch + " declares (`register.restore_on_close`).");
    if (!result.summary().isEmpty()) {
      out.paragraph(result.summary());
    }
    long failed = result.count(Action.FAILED) + result.count(Action.BLOCKED);
    if (failed > 0) {
      out.paragraph("**" + count(failed, "monitor", "monitors") + " could not be restored**: see why below. Run `esm apply`"
          + " from " + branch + " to finish.");
    }
    List<Row> rows = new ArrayList<>();
    for (Action action : List.of(Action.FAILED, Action.BLOCKED, Action.CREATE, Action.UPDATE, Action.DELETE)) {
      result.rows().stream().filter(r -> r.action() == action).forEach(rows::add);
    }
    out.openSection(rows.size() > FOLD_AFTER ? count(rows.size(), "change", "changes") : null,
        "| Action | Monitor | Event | Details |\n| --- | --- | --- | --- |");
    for (Row row : rows) {
      String action = switch (row.action()) {
        case CREATE -> "Re-created";
        case UPDATE -> "Updated in place";
        default -> label(Commands.REGISTER, row.action());
      };
      out.line("| " + action + " | " + monitor(Commands.REGISTER, row) + " | " + event(row) + " | " + cell(row.details()) + " |");
    }
    out.closeSection();
    return out.build();
  }

  /** Restore on close could not be done; {@code what} says why, {@code datadogUntouched} whether nothing was written. */
  String restoreFailed(PullRequestSnapshot pr, String what, boolean datadogUntouched) {
    String branch = "`" + pr.defaultBranch() + "`";
    return CommentBuilder.marker("restore") + "\n"
        + "### ❌ Could not restore from " + branch + "\n\n"
        + "#" + pr.number() + " was closed without merging, but ESM could not set the monitors of its events back to what "
        + branch + " declares (`register.restore_on_close`):\n\n"
        + what.strip() + "\n\n"
        + (datadogUntouched ? "**" + NOTHING_CHANGED + "** " : "Some monitors may have been restored before it stopped. ")
        + "Run `esm apply` from " + branch + " once this is fixed.\n";
  }

  // ---------------------------------------------------------------- other comments

  /** The answer to {@code esm help}, or to an {@code esm} word ESM does not know. */
  String help(Command command) {
    StringBuilder s = new StringBuilder(CommentBuilder.marker("help")).append('\n');
    if (!command.isKnown()) {
      s.append(command.word().isEmpty()
          ? "`esm` needs a command.\n\n"
          : "`esm " + echo(command.word()) + "` is not a command ESM knows.\n\n");
    }
    s.append("""
        **ESM** keeps the Datadog monitors declared with `@monitor` annotations in this repository's schemas \
        in step with Datadog. Comment one of these, alone on the first line of a new comment:

        """);
    s.append("| Comment | Does |\n| --- | --- |\n");
    Commands.ALL.forEach(c -> s.append("| `esm ").append(c.word()).append("` | ").append(c.description()).append(" |\n"));
    return s.toString();
  }

  /** At most {@value #ECHO_LIMIT} characters of what a commenter wrote, for quoting it inside backticks. */
  static String echo(String words) {
    String clipped = words.length() > ECHO_LIMIT ? words.substring(0, ECHO_LIMIT) + "…" : words;
    return clipped.replace("`", "'").replaceAll("[\\p{Cntrl}]", " ");
  }

  /** The polite no for a commenter without write access. */
  public String refusal(String commenter, String repository) {
    return CommentBuilder.marker("register") + "\n"
        + "Sorry @" + commenter + ", only people with write, maintain or admin access to " + repository
        + " can run `esm register`, and ESM does not see that access for you. Ask a maintainer to comment "
        + "`esm register`; meanwhile `esm plan` shows what it would do.\n\n"
        + "**" + NOTHING_CHANGED + "**\n";
  }

  /** {@code esm register} on a closed (merged or not) pull request. */
  String closedRefusal(int number, boolean merged) {
    return CommentBuilder.marker("register") + "\n"
        + "### ⛔ `esm register`: #" + number + " is closed\n\n"
        + "Pull request #" + number + " is " + (merged ? "merged" : "closed without merging")
        + ": ESM registers only open pull requests. `esm plan` still shows where its schemas stand.\n\n"
        + "**" + NOTHING_CHANGED + "**\n";
  }

  /** {@code esm register} when {@code register.on} is {@code merge}. */
  String registersOnMerge(int number) {
    return CommentBuilder.marker("register") + "\n"
        + "### ⏳ `esm register`: registration happens on merge\n\n"
        + "This repository registers monitors when a pull request is merged (`register.on: merge`): ESM will register "
        + "the schemas of #" + number + " as they are in its merge commit. `esm plan` shows what that would do.\n\n"
        + "**" + NOTHING_CHANGED + "**\n";
  }

  /** {@code esm register} when some of {@code register.requires} are not met. */
  String unmetRequirements(int number, List<String> unmet) {
    StringBuilder out = new StringBuilder(CommentBuilder.marker("register")).append("\n")
        .append("### ⛔ `esm register`: ").append(unmet.size() == 1 ? "a requirement is" : "requirements are")
        .append(" not met\n\n")
        .append("This repository registers a pull request only when it meets `register.requires`; #").append(number)
        .append(" does not meet:\n\n");
    for (String key : unmet) {
      out.append("- `").append(key).append("`: ").append(switch (key) {
        case "approved" -> "it needs an approving review and no outstanding request for changes.";
        case "mergeable" -> "GitHub does not report it as mergeable (conflicts, behind its base, a draft, or another"
            + " check failing or pending).";
        default -> "not met.";
      }).append('\n');
    }
    return out.append("\nComment `esm register` again once ").append(unmet.size() == 1 ? "it is" : "they are")
        .append(" met.\n\n**").append(NOTHING_CHANGED).append("**\n").toString();
  }

  /**
   * A command that could not finish.
   *
   * @param what what went wrong, a sentence
   * @param datadogUntouched true when the failure came before any write to Datadog
   */
  String failure(PullRequestCommand kind, String what, boolean datadogUntouched) {
    String after;
    if (datadogUntouched || !kind.writesToDatadog()) {
      after = "**" + NOTHING_CHANGED + "** Comment `esm " + kind.word() + "` to try again.";
    } else {
      after = "Some monitors may have been changed before it stopped. Comment `esm register` again to finish "
          + "(it converges), or `esm plan` to see where things stand.";
    }
    return CommentBuilder.marker(kind.word()) + "\n"
        + "### ❌ `esm " + kind.word() + "` could not finish\n\n"
        + what.strip() + "\n\n"
        + after + "\n";
  }

  /** A command that was not run at all, e.g. {@code why}: "ESM is restarting". */
  String notRun(PullRequestCommand kind, String why) {
    return CommentBuilder.marker(kind.word()) + "\n"
        + "### ⏸️ `esm " + kind.word() + "` was not run\n\n"
        + why.strip() + "\n\n"
        + "**" + NOTHING_CHANGED + "** Comment `esm " + kind.word() + "` again to run it.\n";
  }

  // ---------------------------------------------------------------- commit status

  /** The commit status description (at most 140 characters). */
  static String statusDescription(PullRequestCommand kind, CommandResult result) {
    if (result.isInvalid()) {
      return count(result.errors().size(), "error", "errors") + " in the schemas; nothing was changed in Datadog";
    }
    if (result.conflicts().refused()) {
      return "Not registered: " + pullRequests(result.conflicts().open()) + " still open (register.conflicts: refuse)";
    }
    if (result.compatibility().blocks()) {
      return count(result.compatibility().report().incompatibilities().size(), "incompatible schema change",
          "incompatible schema changes") + (kind.writesToDatadog() ? "; nothing was changed in Datadog" : " block register");
    }
    return counts(kind, result);
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
