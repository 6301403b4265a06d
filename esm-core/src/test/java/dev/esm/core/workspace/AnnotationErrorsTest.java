package dev.esm.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake an event owner can make, reported at the line of its annotation. */
class AnnotationErrorsTest {

  @TempDir Path root;
  SchemaFixture schemas;

  @BeforeEach
  void setUp() {
    schemas = new SchemaFixture(root);
  }

  private static String schema(String annotations) {
    return "@namespace(\"com.acme.events\")\nprotocol Events {\n  /** An event. */\n" + annotations
        + "\n  @owner(\"team-cart\")\n  record Clicked {\n    string id;\n  }\n}\n";
  }

  @Test
  void reportsAMisspeltTypeWithASuggestion() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"trafic_drop\", \"threshold\": 5})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: unknown monitor type \"trafic_drop\" (did you mean \"traffic_drop\"?); "
            + "known types: no_traffic, serialization_errors, traffic_anomaly, traffic_drop");
  }

  @Test
  void reportsAMisspeltParameterWithASuggestion() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"traffic_drop\", \"threshold\": 5, \"windw\": \"1h\"})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: traffic_drop has no parameter \"windw\" (did you mean \"window\"?); it takes: threshold, window");
  }

  @Test
  void reportsAnAnomalyWindowBeyondTheEvaluationWindowWithTheAllowedRange() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"traffic_anomaly\", \"window\": \"5h\"})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: window must be between 5m and 4h (inclusive); got \"5h\"");
  }

  @Test
  void boundsSumWindowsByOneWeekInclusiveAndOneMinute() {
    schemas.file("events.avdl", schema("  @monitor([{\"type\": \"traffic_drop\", \"threshold\": 5, \"window\": \"8d\"},\n"
        + "    {\"type\": \"no_traffic\", \"window\": \"1w\"},\n"
        + "    {\"type\": \"serialization_errors\", \"window\": \"30s\"}])"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: window must be between 1m and 1w (inclusive); got \"30s\"",
        "events.avdl:4:3: error: window must be between 1m and 1w (inclusive); got \"8d\"");
  }

  @Test
  void takesTheBoundsOfACustomKindsDuration() {
    schemas.config("kinds:\n  lag:\n    title: Lag\n    query: \"avg(last_${window}):avg:lag{${event_tag}} > 1\"\n"
        + "    parameters:\n      window:\n        type: duration\n        default: 10m\n        min: 10m\n        max: 2h\n");
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"lag\", \"window\": \"3h\"})"));

    assertThat(schemas.errors()).containsExactly("events.avdl:4:3: error: window must be between 10m and 2h (inclusive); got \"3h\"");
  }

  @Test
  void reportsAMissingType() {
    schemas.file("events.avdl", schema("  @monitor({\"severity\": \"high\"})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: @monitor needs a \"type\", one of no_traffic, serialization_errors, traffic_anomaly, traffic_drop");
  }

  @Test
  void reportsAMissingRequiredParameter() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"traffic_drop\"})"));

    assertThat(schemas.errors()).containsExactly("events.avdl:4:3: error: traffic_drop needs \"threshold\": "
        + "The alert fires when fewer events than this arrive in the window (required).");
  }

  @Test
  void reportsAnUnknownSeverity() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"no_traffic\", \"severity\": \"hihg\"})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: severity must be one of low, medium, high, critical; got \"hihg\" (did you mean \"high\"?)");
  }

  @Test
  void reportsAWrongParameterType() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"traffic_drop\", \"threshold\": \"ten\", \"window\": \"1 hour\"})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: threshold must be a number; got \"ten\"",
        "events.avdl:4:3: error: window must be a duration such as 30m, 1h or 2d; got \"1 hour\"");
  }

  @Test
  void reportsAValueOutOfBounds() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"serialization_errors\", \"threshold\": 140})"));

    assertThat(schemas.errors()).containsExactly("events.avdl:4:3: error: threshold must be at most 100; got 140");
  }

  @Test
  void reportsAnEnumValueNotAllowed() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"traffic_anomaly\", \"algorithm\": \"robst\"})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: algorithm must be one of basic, agile, robust; got \"robst\" (did you mean \"robust\"?)");
  }

  @Test
  void reportsMalformedNotifyAndTags() {
    schemas.file("events.avdl", schema(
        "  @monitor({\"type\": \"no_traffic\", \"notify\": \"slack-cart\", \"tags\": [\"ok:tag\", \"has space\"]})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: each entry of tags must be a Datadog tag such as \"service:checkout\"; got \"has space\"",
        "events.avdl:4:3: error: notify must be a list, e.g. [\"@slack-cart-oncall\"]; got \"slack-cart\"");
  }

  @Test
  void reportsAReservedTag() {
    schemas.file("events.avdl", schema("  @monitor({\"type\": \"no_traffic\", \"tags\": [\"esm-staging\"]})"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: tag \"esm-staging\" is reserved: ESM tags its own monitors with esm-<environment>");
  }

  @Test
  void reportsTwoMonitorsThatWouldShareAName() {
    schemas.file("events.avdl", schema("  @monitor([{\"type\": \"no_traffic\"}, {\"type\": \"no_traffic\", \"window\": \"1h\"}])"));

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:4:3: error: two no_traffic monitors on Clicked would have the same name: give each a different \"qualifier\"");
  }

  @Test
  void reportsAnAnnotationValueThatIsNotAnObject() {
    schemas.file("events.avdl", schema("  @monitor(\"traffic_anomaly\")"));

    assertThat(schemas.errors()).containsExactly("events.avdl:4:3: error: @monitor takes a JSON object, or an array of objects, "
        + "such as {\"type\": \"traffic_anomaly\", \"severity\": \"high\"}");
  }

  @Test
  void reportsAnOwnerThatIsNotAString() {
    schemas.file("events.avdl", "protocol P {\n  @monitor({\"type\": \"no_traffic\"})\n  @owner([\"team-cart\"])\n  record Clicked { string id; }\n}\n");

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:3:3: error: @owner takes a team name such as \"team-cart\"; got a list");
  }

  @Test
  void reportsAMonitorOnAField() {
    schemas.file("events.avdl", "protocol P {\n  record Clicked {\n    @monitor({\"type\": \"no_traffic\"})\n    string id;\n  }\n}\n");

    assertThat(schemas.errors()).containsExactly(
        "events.avdl:3:5: error: @monitor is read only on records; here it belongs to no record");
  }

  @Test
  void reportsMonitoredRecordsWithTheSameNameInTwoFiles() {
    schemas.file("a/cart.avdl", "@namespace(\"com.acme.a\") protocol A {\n  @monitor({\"type\": \"no_traffic\"})\n  record Clicked { string id; }\n}\n");
    schemas.file("b/web.avdl", "@namespace(\"com.acme.b\") protocol B {\n\n  @monitor({\"type\": \"no_traffic\"})\n  record Clicked { string id; }\n}\n");

    assertThat(schemas.errors()).containsExactly("b/web.avdl:3:3: error: monitored record com.acme.b.Clicked has the same event "
        + "name as com.acme.a.Clicked (cart.avdl:2): their monitors would collide; rename one");
  }

  @Test
  void letsUnmonitoredRecordsShareAName() {
    schemas.file("a/cart.avdl", "@namespace(\"com.acme.a\") protocol A {\n  @monitor({\"type\": \"no_traffic\"})\n  record Clicked { string id; }\n}\n");
    schemas.file("b/web.avdl", "@namespace(\"com.acme.b\") protocol B {\n  record Clicked { string id; }\n}\n");

    assertThat(schemas.errors()).isEmpty();
  }

  @Test
  void reportsASyntaxErrorWithItsLine() {
    schemas.file("events.avdl", "protocol P {\n  record Clicked {\n    string id\n  }\n}\n");

    assertThat(schemas.errors()).singleElement().asString().startsWith("events.avdl:4:");
  }

  @Test
  void reportsEveryProblemOfEveryFileAtOnce() {
    schemas.file("a.avdl", schema("  @monitor({\"type\": \"trafic_drop\"})"));
    schemas.file("b.avdl", "protocol P {\n  record Clicked {\n    string id\n  }\n}\n");
    schemas.file("c.avdl", schema("  @monitor({\"type\": \"no_traffic\", \"window\": 5})").replace("Clicked", "Viewed"));

    assertThat(schemas.errors()).extracting(line -> line.substring(0, line.indexOf(": error")))
        .containsExactly("a.avdl:4:3", "b.avdl:4:3", "c.avdl:4:3");
  }

  @Test
  void warnsWhenTheDocCommentFollowsTheAnnotations() {
    schemas.file("events.avdl",
        "protocol P {\n  @monitor({\"type\": \"no_traffic\"})\n  @owner(\"team-cart\")\n  /** Too late. */\n  record Clicked { string id; }\n}\n");

    assertThat(schemas.problems()).containsExactly("events.avdl:4:3: warning: the doc comment of record Clicked was dropped: "
        + "Avro reads a doc comment only before the annotations");
  }

  @Test
  void warnsWhenAMonitoredRecordHasNoOwner() {
    schemas.file("events.avdl", "protocol P {\n  @monitor({\"type\": \"no_traffic\"})\n  record Clicked { string id; }\n}\n");

    assertThat(schemas.problems()).containsExactly("events.avdl:2:3: warning: Clicked has no owner: add @owner(\"team-…\") "
        + "to the record or a CODEOWNERS entry for its file");
  }
}
