package dev.esm.core.drift;

import dev.esm.core.plan.FieldDifference;
import dev.esm.core.plan.PlanPrinter;
import dev.esm.core.render.MonitorJson;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Prints a {@link DriftReport} for people, one drifted monitor a line, or as JSON for scripts:
 *
 * <pre>
 * edited in Datadog: Traffic Drop with CartEvent (id 123) https://app.datadoghq.com/monitors/123
 *     options.thresholds.critical: written 10, Datadog 5
 * missing: No Traffic with CartEvent, declared at schemas/cart.avdl:12
 *
 * Drift: 1 edited in Datadog, 0 not registered, 1 missing, 0 orphaned; 14 monitors match the schemas.
 * </pre>
 */
public final class DriftPrinter {

  private DriftPrinter() {}

  /**
   * @param urls each monitor's page in Datadog, by ID
   * @param base the folder that schema paths are shown relative to (null: absolute)
   */
  public static String text(DriftReport report, LongFunction<URI> urls, Path base) {
    StringBuilder out = new StringBuilder();
    for (Drift drift : report.drifts()) {
      out.append(drift.kind().label()).append(": ").append(drift.name());
      if (drift.id() != null) {
        out.append(" (id ").append(drift.id()).append(") ").append(urls.apply(drift.id()));
      } else {
        out.append(", declared at ").append(where(drift, base));
      }
      out.append('\n');
      for (FieldDifference difference : drift.differences()) {
        out.append("    ").append(difference.field()).append(": written ").append(PlanPrinter.value(difference.newValue()))
            .append(", Datadog ").append(PlanPrinter.value(difference.oldValue())).append('\n');
      }
    }
    if (out.length() > 0) {
      out.append('\n');
    }
    return out.append(summary(report)).append('\n').toString();
  }

  /** {@code Drift: 1 edited in Datadog, …; 3 monitors match the schemas.} or {@code No drift. …} */
  public static String summary(DriftReport report) {
    String matching = report.inStep() + (report.inStep() == 1 ? " monitor matches" : " monitors match") + " the schemas.";
    if (!report.hasDrift()) {
      return "No drift. " + matching;
    }
    return "Drift: " + report.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
        .collect(Collectors.joining(", ")) + "; " + matching;
  }

  /** {@code [{"name", "kind", "id", "differences": [{"field", "written", "datadog"}]}]}, pretty, ending in a newline. */
  public static String json(DriftReport report) {
    List<Map<String, Object>> array = new ArrayList<>();
    for (Drift drift : report.drifts()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", drift.name());
      item.put("kind", drift.kind().key());
      item.put("id", drift.id());
      List<Map<String, Object>> differences = new ArrayList<>();
      for (FieldDifference difference : drift.differences()) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("field", difference.field());
        field.put("written", difference.newValue());
        field.put("datadog", difference.oldValue());
        differences.add(field);
      }
      item.put("differences", differences);
      array.add(item);
    }
    return MonitorJson.write(array);
  }

  private static String where(Drift drift, Path base) {
    Path file = drift.desired().file();
    if (file == null) {
      return "(unknown file)";
    }
    Path shown = base != null && file.isAbsolute() && file.startsWith(base) ? base.relativize(file) : file;
    return shown.toString().replace('\\', '/') + ":" + drift.desired().line();
  }
}
