package dev.esm.core.datadog.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Datadog's monitor validation refuses in a query alert, as the stand-in checks it: missing
 * fields, unbalanced queries, functions Datadog does not have, thresholds that disagree with the
 * query's comparison, and the rules of anomaly monitors. Messages follow Datadog's wording.
 */
final class MonitorRules {

  /** The functions and methods of Datadog's metric query language that the stand-in knows. */
  private static final Set<String> FUNCTIONS = Set.of(
      "avg", "sum", "min", "max", "count", "last", "percentile", "change", "pct_change",
      "anomalies", "outliers", "forecast",
      "abs", "log2", "log10", "cumsum", "integral", "diff", "derivative", "monotonic_diff", "rate",
      "per_second", "per_minute", "per_hour", "dt", "top", "top_offset", "bottom", "timeshift",
      "hour_before", "day_before", "week_before", "month_before", "ewma_3", "ewma_5", "ewma_10", "ewma_20",
      "median_3", "median_5", "median_7", "median_9", "robust_trend", "trend_line", "piecewise_constant",
      "clamp_min", "clamp_max", "cutoff_min", "cutoff_max", "default_zero", "count_nonzero", "count_not_null",
      "as_count", "as_rate", "rollup", "fill", "by", "weighted");

  private static final Set<String> TYPES = Set.of(
      "query alert", "metric alert", "service check", "event alert", "event-v2 alert", "log alert", "composite",
      "process alert", "rum alert", "trace-analytics alert", "slo alert", "audit alert", "ci-pipelines alert");

  private static final Set<String> ALGORITHMS = Set.of("basic", "agile", "robust", "adaptive");

  private static final Set<String> AGGREGATORS = Set.of("avg", "sum", "min", "max", "count");
  private static final Pattern AGGREGATOR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):(?=[A-Za-z])");
  private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
  private static final Pattern COMPARISON = Pattern.compile("(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*$");
  private static final Pattern EVALUATION = Pattern.compile("^\\s*\\w+\\(last_(\\d+)([smhdw])\\)\\s*:");
  private static final Pattern ALERT_WINDOW = Pattern.compile("alert_window\\s*=\\s*'last_(\\d+)([smhdw])'");
  private static final Pattern ANOMALY_ALGORITHM = Pattern.compile("anomalies\\([^,]*\\)[^,]*,\\s*'([^']*)'\\s*,\\s*(-?[\\d.]+)");

  private MonitorRules() {}

  /** Datadog's reason to refuse the body, or null when it accepts it. */
  static String rejection(JsonNode body, boolean creating) {
    if (creating || body.has("name")) {
      if (body.path("name").asText("").isBlank()) {
        return "The value provided for parameter 'name' is invalid";
      }
    }
    if (creating || body.has("type")) {
      if (!TYPES.contains(body.path("type").asText(""))) {
        return "The value provided for parameter 'type' is invalid";
      }
    }
    if (!creating && !body.has("query")) {
      return null;
    }
    String query = body.path("query").asText("");
    if (query.isBlank()) {
      return "The value provided for parameter 'query' is invalid";
    }
    String type = body.path("type").asText("query alert");
    if (!type.equals("query alert") && !type.equals("metric alert")) {
      return null;
    }
    String problem = unbalanced(query);
    if (problem == null) {
      problem = unknownFunction(query);
    }
    if (problem != null) {
      return "The value provided for parameter 'query' is invalid: " + problem;
    }
    Matcher comparison = COMPARISON.matcher(query);
    if (!comparison.find()) {
      return "The value provided for parameter 'query' is invalid: a query alert compares its value with a threshold";
    }
    JsonNode thresholds = body.path("options").path("thresholds");
    String thresholdProblem = thresholds(comparison.group(1), Double.parseDouble(comparison.group(2)), thresholds);
    if (thresholdProblem != null) {
      return thresholdProblem;
    }
    return query.contains("anomalies(") ? anomaly(query, comparison, body.path("options")) : null;
  }

  private static String unbalanced(String query) {
    Deque<Character> open = new ArrayDeque<>();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (quoted) {
        continue;
      } else if (c == '(' || c == '{' || c == '[') {
        open.push(c);
      } else if (c == ')' || c == '}' || c == ']') {
        char expected = c == ')' ? '(' : c == '}' ? '{' : '[';
        if (open.isEmpty() || open.pop() != expected) {
          return "unbalanced '" + c + "' at character " + (i + 1);
        }
      }
    }
    if (quoted) {
      return "unterminated quote";
    }
    return open.isEmpty() ? null : "unbalanced '" + open.peek() + "': missing its closing bracket";
  }

  private static String unknownFunction(String query) {
    String outsideQuotes = query.replaceAll("'[^']*'", "''").replaceAll("\\{[^}]*\\}", "{}");
    Matcher call = CALL.matcher(outsideQuotes);
    while (call.find()) {
      if (!FUNCTIONS.contains(call.group(1).toLowerCase(Locale.ROOT))) {
        return "unknown function '" + call.group(1) + "'";
      }
    }
    Matcher aggregator = AGGREGATOR.matcher(outsideQuotes);
    while (aggregator.find()) {
      if (!AGGREGATORS.contains(aggregator.group(1))) {
        return "unknown space aggregator '" + aggregator.group(1) + "'";
      }
    }
    return null;
  }

  /** Datadog's thresholds must agree with the query: the same critical value, recoveries on the safe side. */
  private static String thresholds(String comparator, double queryThreshold, JsonNode thresholds) {
    if (!thresholds.has("critical")) {
      return null; // Datadog takes the critical threshold from the query.
    }
    Double critical = number(thresholds.path("critical"));
    if (critical == null) {
      return "The value provided for parameter 'options.thresholds.critical' is invalid";
    }
    if (Double.compare(critical, queryThreshold) != 0) {
      return "Alert threshold (" + critical + ") does not match that used in the query (" + queryThreshold + ").";
    }
    boolean above = comparator.startsWith(">");
    String relation = above ? "less than" : "greater than";
    Double warning = number(thresholds.path("warning"));
    if (warning != null && (above ? warning >= critical : warning <= critical)) {
      return "Warning threshold (" + warning + ") must be " + relation + " the alert threshold (" + critical + ").";
    }
    Double recovery = number(thresholds.path("critical_recovery"));
    if (recovery != null && (above ? recovery >= critical : recovery <= critical)) {
      return "Alert recovery threshold (" + recovery + ") must be " + relation + " the alert threshold (" + critical + ").";
    }
    Double warningRecovery = number(thresholds.path("warning_recovery"));
    if (warning != null && warningRecovery != null && (above ? warningRecovery >= warning : warningRecovery <= warning)) {
      return "Warning recovery threshold (" + warningRecovery + ") must be " + relation + " the warning threshold (" + warning + ").";
    }
    return null;
  }

  private static String anomaly(String query, Matcher comparison, JsonNode options) {
    if (!comparison.group(1).equals(">=")) {
      return "Anomaly monitors compare with '>=': got '" + comparison.group(1) + "'";
    }
    double threshold = Double.parseDouble(comparison.group(2));
    if (threshold <= 0 || threshold > 1) {
      return "Anomaly monitors alert on a fraction of anomalous points: the threshold must lie in (0, 1], got " + threshold;
    }
    Matcher algorithm = ANOMALY_ALGORITHM.matcher(query);
    if (!algorithm.find()) {
      return "The value provided for parameter 'query' is invalid: anomalies() takes a query, an algorithm and a number of deviations";
    }
    if (!ALGORITHMS.contains(algorithm.group(1))) {
      return "Invalid anomaly algorithm '" + algorithm.group(1) + "' (basic, agile, robust or adaptive)";
    }
    if (Double.parseDouble(algorithm.group(2)) <= 0) {
      return "The number of deviations of anomalies() must be positive";
    }
    Matcher evaluation = EVALUATION.matcher(query);
    Matcher alertWindow = ALERT_WINDOW.matcher(query);
    if (!evaluation.find() || !alertWindow.find()) {
      return "Anomaly monitors need an evaluation window and an alert_window";
    }
    long evaluationSeconds = seconds(evaluation.group(1), evaluation.group(2));
    long alertSeconds = seconds(alertWindow.group(1), alertWindow.group(2));
    String alert = "last_" + alertWindow.group(1) + alertWindow.group(2);
    if (alertSeconds > evaluationSeconds) {
      return "The alert window (" + alert + ") must not be longer than the evaluation window (last_"
          + evaluation.group(1) + evaluation.group(2) + ")";
    }
    JsonNode windows = options.path("threshold_windows");
    if (!windows.path("trigger_window").isTextual() || !windows.path("recovery_window").isTextual()) {
      return "Anomaly monitors need options.threshold_windows with a trigger_window and a recovery_window";
    }
    if (!windows.path("trigger_window").asText().equals(alert)) {
      return "options.threshold_windows.trigger_window (" + windows.path("trigger_window").asText()
          + ") must equal the query's alert_window (" + alert + ")";
    }
    return null;
  }

  private static long seconds(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "s" -> n;
      case "m" -> n * 60;
      case "h" -> n * 3600;
      case "d" -> n * 86_400;
      default -> n * 604_800;
    };
  }

  private static Double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
