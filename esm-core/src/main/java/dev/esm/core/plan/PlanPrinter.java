package dev.esm.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Renders a {@link Plan} as text, one change a line, the way {@code terraform plan} does:
 *
 * <pre>
 * + create Traffic Anomaly with AddToCartEvent
 * ~ update Traffic Drop with CartEvent (id 123)
 *     options.thresholds.critical: 10 → 5
 * - delete No Traffic with OldEvent (id 456)
 * ! conflict: 2 managed monitors are named Traffic Drop with X (IDs 11, 12)
 *
 * Plan: 1 to create, 1 to update, 1 to delete, 3 unchanged.
 * </pre>
 *
 * Values are shown as JSON on one line; an absent value as {@code (none)}.
 */
public final class PlanPrinter {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private PlanPrinter() {}

  public static String print(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (Plan.Create create : plan.creates()) {
      out.append("+ create ").append(create.name()).append('\n');
    }
    for (Plan.Update update : plan.updates()) {
      out.append("~ update ").append(update.name()).append(" (id ").append(update.id()).append(")\n");
      for (FieldDifference difference : update.differences()) {
        out.append("    ")
            .append(difference.field())
            .append(": ")
            .append(value(difference.oldValue()))
            .append(" → ")
            .append(value(difference.newValue()))
            .append('\n');
      }
    }
    for (Plan.Delete delete : plan.deletes()) {
      out.append("- delete ").append(delete.name()).append(" (id ").append(delete.id()).append(')');
      if (delete.reason() == Plan.DeleteReason.EVENT_GONE) {
        out.append(", its event is gone (prune)");
      }
      out.append('\n');
    }
    for (Plan.Conflict conflict : plan.conflicts()) {
      out.append("! conflict: ").append(conflict.describe()).append('\n');
    }
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append(summary(plan)).append('\n');
    if (plan.hasConflicts()) {
      out.append("Apply will change nothing until each of these names is carried by one monitor only:")
          .append(" delete or rename the extra ones in Datadog.\n");
    }
    return out.toString();
  }

  /** {@code Plan: 1 to create, 2 to update, 0 to delete, 3 unchanged.} or {@code No changes. …} */
  public static String summary(Plan plan) {
    if (!plan.hasChanges()) {
      int upToDate = plan.unchanged().size();
      return "No changes. " + upToDate + (upToDate == 1 ? " monitor is" : " monitors are") + " up to date.";
    }
    return "Plan: "
        + plan.creates().size()
        + " to create, "
        + plan.updates().size()
        + " to update, "
        + plan.deletes().size()
        + " to delete, "
        + plan.unchanged().size()
        + " unchanged.";
  }

  /** A value as one line of JSON, or {@code (none)} when absent. */
  public static String value(Object value) {
    if (value == null) {
      return "(none)";
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
