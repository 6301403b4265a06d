package dev.esm.core.datadog.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The stand-in's monitor validation refuses what Datadog refuses, and accepts what ESM's built-in kinds render. */
class MonitorRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ANOMALY = "avg(last_4h):anomalies(sum:event_tracking.events.count{event:a}.as_count(), 'agile', 2,"
      + " direction='both', alert_window='last_30m', interval=60, count_default_zero='true', seasonality='weekly') >= 1";
  private static final String ANOMALY_OPTIONS = "{\"thresholds\": {\"critical\": 1, \"critical_recovery\": 0},"
      + " \"threshold_windows\": {\"trigger_window\": \"last_30m\", \"recovery_window\": \"last_30m\"}}";

  private static String rejection(String query, String options) throws Exception {
    JsonNode body = JSON.readTree("{\"name\": \"M\", \"type\": \"query alert\", \"query\": " + JSON.writeValueAsString(query)
        + ", \"options\": " + options + "}");
    return MonitorRules.rejection(body, true);
  }

  @Test
  void acceptsTheBuiltInKindsAsRendered() throws Exception {
    assertThat(rejection(ANOMALY, ANOMALY_OPTIONS)).isNull();
    assertThat(rejection("sum(last_1h):sum:event_tracking.events.count{event:a}.as_count() < 100", "{\"thresholds\": {\"critical\": 100}}")).isNull();
    assertThat(rejection("sum(last_15m):sum:event_tracking.serialization_errors.count{event:a}.as_count()"
        + " / sum:event_tracking.events.count{event:a}.as_count() * 100 > 2.5", "{\"thresholds\": {\"critical\": 2.5}}")).isNull();
  }

  @Test
  void refusesUnbalancedQueries() throws Exception {
    assertThat(rejection("sum(last_1h):sum:m{event:a}.as_count( < 1", "{}"))
        .isEqualTo("The value provided for parameter 'query' is invalid: unbalanced '(': missing its closing bracket");
    assertThat(rejection("sum(last_1h):sum:m{event:a}}.as_count() < 1", "{}"))
        .isEqualTo("The value provided for parameter 'query' is invalid: unbalanced '}' at character 28");
  }

  @Test
  void refusesUnknownFunctions() throws Exception {
    assertThat(rejection("sum(last_1h):summ:m{event:a}.as_counts() < 1", "{}"))
        .isEqualTo("The value provided for parameter 'query' is invalid: unknown function 'as_counts'");
  }

  @Test
  void refusesThresholdsAgainstTheQuerysComparison() throws Exception {
    assertThat(rejection("sum(last_1h):sum:m{event:a}.as_count() < 10", "{\"thresholds\": {\"critical\": 5}}"))
        .isEqualTo("Alert threshold (5.0) does not match that used in the query (10.0).");
    assertThat(rejection("sum(last_1h):sum:m{event:a}.as_count() < 10", "{\"thresholds\": {\"critical\": 10, \"critical_recovery\": 5}}"))
        .isEqualTo("Alert recovery threshold (5.0) must be greater than the alert threshold (10.0).");
    assertThat(rejection("sum(last_1h):sum:m{event:a}.as_count() > 10", "{\"thresholds\": {\"critical\": 10, \"warning\": 20}}"))
        .isEqualTo("Warning threshold (20.0) must be less than the alert threshold (10.0).");
  }

  @Test
  void refusesAnomalyMonitorsThatBreakItsRules() throws Exception {
    assertThat(rejection(ANOMALY.replace("'last_30m'", "'last_5h'"), ANOMALY_OPTIONS.replace("last_30m", "last_5h")))
        .isEqualTo("The alert window (last_5h) must not be longer than the evaluation window (last_4h)");
    assertThat(rejection(ANOMALY, ANOMALY_OPTIONS.replace("\"trigger_window\": \"last_30m\"", "\"trigger_window\": \"last_1h\"")))
        .isEqualTo("options.threshold_windows.trigger_window (last_1h) must equal the query's alert_window (last_30m)");
    assertThat(rejection(ANOMALY.replace("'agile'", "'clever'"), ANOMALY_OPTIONS))
        .isEqualTo("Invalid anomaly algorithm 'clever' (basic, agile, robust or adaptive)");
    assertThat(rejection(ANOMALY.replace(">= 1", ">= 2"), ANOMALY_OPTIONS.replace("\"critical\": 1", "\"critical\": 2")))
        .isEqualTo("Anomaly monitors alert on a fraction of anomalous points: the threshold must lie in (0, 1], got 2.0");
    assertThat(rejection(ANOMALY, "{\"thresholds\": {\"critical\": 1}}"))
        .isEqualTo("Anomaly monitors need options.threshold_windows with a trigger_window and a recovery_window");
  }
}
