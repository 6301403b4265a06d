package dev.esm.webhook;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.plan.Action;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code plan} or {@code register}, as the pull-request comment shows it: either
 * the errors that stopped it (nothing was written), or one row per monitor in scope.
 *
 * @param diagnostics errors (then {@code rows} is empty) or warnings to show with the rows
 * @param rows one per monitor: what was (or would be) done
 * @param summary an optional sentence shown under the heading; empty for none
 * @param compatibility the schema compatibility of the changed records
 * @param conflicts the other open pull requests that last registered monitors this register
 *     changes: {@code register.conflicts}
 */
public record CommandResult(List<Diagnostic> diagnostics, List<Row> rows, String summary, CompatibilityVerdict compatibility,
    Conflicts conflicts) {

  /**
   * {@code register.conflicts}: other pull requests, still open, that last registered monitors a
   * register changes.
   *
   * @param open their numbers, in order
   * @param refused true when the register was refused for them ({@code refuse}): nothing was
   *     written, and the rows are the monitors concerned, {@link Action#BLOCKED}
   */
  public record Conflicts(List<Integer> open, boolean refused) {
    public static final Conflicts NONE = new Conflicts(List.of(), false);

    public Conflicts {
      open = List.copyOf(open);
      if (refused && open.isEmpty()) {
        throw new IllegalArgumentException("a register is refused for open pull requests only");
      }
    }

    public boolean any() {
      return !open.isEmpty();
    }
  }

  /**
   * @param action what was done (for a plan, what would be), in the core's one vocabulary
   * @param monitorName the monitor's name, e.g. {@code Traffic Anomaly with AddToCartEvent}
   * @param event the event it watches, e.g. {@code AddToCartEvent}
   * @param datadogUrl the monitor's page in Datadog, or null when it does not exist (yet)
   * @param details changed fields, the error, or the reason it was blocked; empty for none
   */
  public record Row(Action action, String monitorName, String event, URI datadogUrl, String details) {
    public Row {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(monitorName, "monitorName");
      event = event == null ? "" : event;
      details = details == null ? "" : details;
    }

    public static Row of(Action action, String monitorName, String event, URI datadogUrl) {
      return new Row(action, monitorName, event, datadogUrl, "");
    }
  }

  public CommandResult {
    diagnostics = List.copyOf(diagnostics == null ? List.of() : diagnostics);
    rows = List.copyOf(rows == null ? List.of() : rows);
    summary = summary == null ? "" : summary.strip();
    compatibility = compatibility == null ? CompatibilityVerdict.none() : compatibility;
    conflicts = conflicts == null ? Conflicts.NONE : conflicts;
    if (diagnostics.stream().anyMatch(Diagnostic::isError) && !rows.isEmpty()) {
      throw new IllegalArgumentException("a result with errors has no rows: nothing was done");
    }
  }

  public CommandResult(List<Diagnostic> diagnostics, List<Row> rows, String summary, CompatibilityVerdict compatibility) {
    this(diagnostics, rows, summary, compatibility, null);
  }

  public CommandResult(List<Diagnostic> diagnostics, List<Row> rows, String summary) {
    this(diagnostics, rows, summary, null);
  }

  /** The same result, with the changed records' compatibility. */
  public CommandResult withCompatibility(CompatibilityVerdict verdict) {
    return new CommandResult(diagnostics, rows, summary, verdict, conflicts);
  }

  /** The same result, naming the open pull requests that last registered monitors it changes. */
  public CommandResult withConflicts(Conflicts others) {
    return new CommandResult(diagnostics, rows, summary, compatibility, others);
  }

  /** Registering was refused because a change is incompatible and {@code compatibility.enforce} is on; nothing was written. */
  public static CommandResult blockedByCompatibility(CompatibilityVerdict verdict, List<Diagnostic> warnings) {
    return new CommandResult(warnings, List.of(), "", verdict);
  }

  /** The schemas in scope are invalid; nothing was (or would be) written. */
  public static CommandResult invalid(List<Diagnostic> diagnostics) {
    if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("an invalid result needs at least one error");
    }
    return new CommandResult(diagnostics.stream().sorted(Diagnostic.ORDER).toList(), List.of(), "");
  }

  /** The command ran; {@code warnings} may be empty. */
  public static CommandResult completed(List<Row> rows, String summary, List<Diagnostic> warnings) {
    return new CommandResult(warnings, rows, summary);
  }

  public static CommandResult completed(List<Row> rows, String summary) {
    return completed(rows, summary, List.of());
  }

  public boolean isInvalid() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }

  public long count(Action action) {
    return rows.stream().filter(r -> r.action() == action).count();
  }

  /**
   * No errors, no monitor failed or was blocked, no enforced compatibility rule is broken, and
   * no open pull request refused the register.
   */
  public boolean succeeded() {
    return !isInvalid() && count(Action.FAILED) == 0 && count(Action.BLOCKED) == 0 && !compatibility.blocks()
        && !conflicts.refused();
  }
}
