package dev.esm.core.apply;

import dev.esm.core.apply.ApplyResult.Outcome;
import dev.esm.core.plan.Action;
import dev.esm.core.plan.Plan;

/**
 * Renders an {@link ApplyResult} for the command line, one monitor a line (unchanged ones only
 * counted), then a summary:
 *
 * <pre>
 * + created Traffic Anomaly with AddToCartEvent  https://app.datadoghq.com/monitors/123
 * ~ updated Traffic Drop with CartEvent  https://app.datadoghq.com/monitors/124
 * - deleted No Traffic with OldEvent  (id 125)
 * ! blocked Serialization Errors with CartEvent  https://app.datadoghq.com/monitors/126
 *     monitor [126] is referenced in slos: [abc]
 * x failed Traffic Drop with PageView
 *     Datadog rejected creating monitor 'Traffic Drop with PageView' (400): …
 *
 * Apply complete: 1 created, 1 updated, 1 deleted, 3 unchanged, 1 blocked, 1 failed.
 * </pre>
 */
public final class ApplyPrinter {

  private ApplyPrinter() {}

  public static String print(ApplyResult result) {
    StringBuilder out = new StringBuilder();
    if (result.refused()) {
      for (Plan.Conflict conflict : result.conflicts()) {
        out.append("! conflict: ").append(conflict.describe()).append('\n');
      }
      out.append('\n')
          .append("Apply refused: nothing was changed. Each name must be carried by one managed monitor only;")
          .append(" delete or rename the extra ones in Datadog.\n");
      return out.toString();
    }
    line(out, result, Action.CREATE, "+ created ");
    line(out, result, Action.UPDATE, "~ updated ");
    line(out, result, Action.DELETE, "- deleted ");
    line(out, result, Action.BLOCKED, "! blocked ");
    line(out, result, Action.FAILED, "x failed ");
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append(summary(result)).append('\n');
    return out.toString();
  }

  /** {@code Apply complete: 1 created, 0 updated, 0 deleted, 3 unchanged.} (blocked and failed when any). */
  public static String summary(ApplyResult result) {
    StringBuilder out =
        new StringBuilder(result.hasFailures() ? "Apply finished with failures: " : "Apply complete: ")
            .append(result.count(Action.CREATE))
            .append(" created, ")
            .append(result.count(Action.UPDATE))
            .append(" updated, ")
            .append(result.count(Action.DELETE))
            .append(" deleted, ")
            .append(result.count(Action.UNCHANGED))
            .append(" unchanged");
    if (result.hasBlocked()) {
      out.append(", ").append(result.count(Action.BLOCKED)).append(" blocked");
    }
    if (result.hasFailures()) {
      out.append(", ").append(result.count(Action.FAILED)).append(" failed");
    }
    return out.append('.').toString();
  }

  private static void line(StringBuilder out, ApplyResult result, Action action, String prefix) {
    for (Outcome outcome : result.outcomes(action)) {
      out.append(prefix).append(outcome.name());
      if (outcome.url() != null) {
        out.append("  ").append(outcome.url());
      } else if (outcome.id() != null) {
        out.append("  (id ").append(outcome.id()).append(')');
      }
      out.append('\n');
      if (outcome.error() != null) {
        out.append("    ").append(outcome.error()).append('\n');
      }
    }
  }
}
