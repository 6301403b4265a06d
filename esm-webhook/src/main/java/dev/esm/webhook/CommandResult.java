package dev.esm.webhook;

import dev.esm.core.diagnostic.Diagnostic;
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
 */
public record CommandResult(List<Diagnostic> diagnostics, List<Row> rows, String summary, CompatibilityVerdict compatibility) {

  /** What happened to one monitor; for a plan, what would happen. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    UNCHANGED,
    /** Datadog refused or kept failing; {@link Row#details()} says why. */
    FAILED,
    /** Not touched on purpose, e.g. a monitor used by an SLO, or two monitors sharing a name. */
    BLOCKED
  }

  /**
   * @param action what was done
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
    if (diagnostics.stream().anyMatch(Diagnostic::isError) && !rows.isEmpty()) {
      throw new IllegalArgumentException("a result with errors has no rows: nothing was done");
    }
  }

  public CommandResult(List<Diagnostic> diagnostics, List<Row> rows, String summary) {
    this(diagnostics, rows, summary, null);
  }

  /** The same result, with the changed records' compatibility. */
  public CommandResult withCompatibility(CompatibilityVerdict verdict) {
    return new CommandResult(diagnostics, rows, summary, verdict);
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

  /** No errors, no monitor failed or was blocked, and no enforced compatibility rule is broken. */
  public boolean succeeded() {
    return !isInvalid() && count(Action.FAILED) == 0 && count(Action.BLOCKED) == 0 && !compatibility.blocks();
  }
}
