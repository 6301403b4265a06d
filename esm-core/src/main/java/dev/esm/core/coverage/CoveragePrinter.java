package dev.esm.core.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code esm coverage}'s output, with every path relative to {@code base} (the current folder):
 *
 * <pre>
 * com.acme.events.cart.AddToCartEvent
 *   owner:    team-cart
 *   schema:   schemas/cart/cart_events.avdl
 *   monitors: Traffic Anomaly with AddToCartEvent
 *   sites:    src/main/java/com/acme/shop/CartService.java:42
 *
 * Emitted without a monitor (blind spots): 1
 *   com.acme.events.cart.RemoveFromCartEvent
 * Monitored but never emitted (dead monitors): none
 * </pre>
 *
 * or the JSON of SPEC: {@code {"events": [...], "emitted_without_monitors": [...], "monitored_not_emitted": [...]}}.
 */
public final class CoveragePrinter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String INDENT = "            ";

  private CoveragePrinter() {}

  public static String text(CoverageReport report, Path base) {
    StringBuilder out = new StringBuilder();
    for (EventCoverage event : report.events()) {
      out.append(event.event()).append('\n');
      out.append("  owner:    ").append(event.owner() == null ? "unknown" : event.owner()).append('\n');
      out.append("  schema:   ").append(new EmissionSite(event.schema(), 0).relativePath(base)).append('\n');
      out.append("  monitors: ").append(event.monitors().isEmpty() ? "none" : String.join(", ", event.monitors())).append('\n');
      out.append("  sites:    ");
      if (event.sites().isEmpty()) {
        out.append("none\n");
      }
      for (int i = 0; i < event.sites().size(); i++) {
        out.append(i == 0 ? "" : INDENT).append(event.sites().get(i).format(base)).append('\n');
      }
      out.append('\n');
    }
    list(out, "Emitted without a monitor (blind spots)", report.emittedWithoutMonitors());
    list(out, "Monitored but never emitted (dead monitors)", report.monitoredNotEmitted());
    long sites = report.events().stream().mapToLong(e -> e.sites().size()).sum();
    long emitted = report.events().stream().filter(e -> !e.sites().isEmpty()).count();
    out.append('\n').append(report.events().size()).append(" events, ").append(emitted).append(" emitted at ")
        .append(sites).append(sites == 1 ? " site" : " sites").append(" in ").append(report.javaFiles())
        .append(report.javaFiles() == 1 ? " Java file" : " Java files");
    if (!report.warnings().isEmpty()) {
        out.append(" (").append(report.warnings().size()).append(" skipped)");
    }
    return out.append('\n').toString();
  }

  private static void list(StringBuilder out, String title, List<String> events) {
    out.append(title).append(": ").append(events.isEmpty() ? "none" : events.size()).append('\n');
    events.forEach(e -> out.append("  ").append(e).append('\n'));
  }

  public static String json(CoverageReport report, Path base) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (EventCoverage event : report.events()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("event", event.event());
      entry.put("owner", event.owner());
      entry.put("schema", new EmissionSite(event.schema(), 0).relativePath(base));
      entry.put("monitors", event.monitors());
      entry.put("sites", event.sites().stream().map(s -> {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("path", s.relativePath(base));
        site.put("line", s.line());
        return site;
      }).toList());
      events.add(entry);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("events", events);
    document.put("emitted_without_monitors", report.emittedWithoutMonitors());
    document.put("monitored_not_emitted", report.monitoredNotEmitted());
    try {
      return JSON.writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
