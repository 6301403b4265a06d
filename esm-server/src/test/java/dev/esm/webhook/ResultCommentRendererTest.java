package dev.esm.webhook;

import dev.esm.core.golden.Golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.github.ChangedFile;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.core.plan.Action;
import dev.esm.webhook.CommandResult.Row;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCommentRendererTest {

  static final Path ROOT = Path.of("/tmp/esm-pr-test");
  static final PullRequestSnapshot PR = new PullRequestSnapshot(
      "acme/event-schemas", 42, URI.create("https://github.com/acme/event-schemas/pull/42"),
      "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222", "main",
      URI.create("https://github.com/acme/event-schemas"), "alice", ROOT.resolve("base"), ROOT.resolve("head"),
      List.of(new ChangedFile(ChangedFile.Status.MODIFIED, "schemas/cart.avdl", null)));

  private final ResultCommentRenderer renderer = new ResultCommentRenderer();

  private static URI monitor(long id) {
    return URI.create("https://app.datadoghq.com/monitors/" + id);
  }

  @Test
  void callsOutFailedAndBlockedMonitorsFirst() {
    CommandResult result = CommandResult.completed(List.of(
        Row.of(Action.CREATE, "Traffic Anomaly with AddToCartEvent", "AddToCartEvent", monitor(1)),
        new Row(Action.UPDATE, "Traffic Drop (weekend) with AddToCartEvent", "AddToCartEvent", monitor(2), "query, message"),
        new Row(Action.FAILED, "No Traffic with AddToCartEvent", "AddToCartEvent", null,
            "Datadog answered HTTP 400: The value provided for parameter 'query' is invalid | near 'sum('"),
        new Row(Action.BLOCKED, "Serialization Errors with CheckoutEvent", "CheckoutEvent", monitor(4),
            "used by SLO 7ab1 \"Checkout availability\"; not deleted"),
        Row.of(Action.UNCHANGED, "No Traffic with CheckoutEvent", "CheckoutEvent", monitor(5))),
        "Environment prod: monitors are tagged esm-prod.",
        List.of(Diagnostic.warning(ROOT.resolve("head/schemas/cart.avdl"), 7, 3,
            "the doc comment of AddToCartEvent follows its annotations, so Avro drops it; move it above @monitor")));

    List<String> comments = renderer.result(Commands.REGISTER, PR, result);

    assertThat(comments).hasSize(1);
    Golden.assertMatches(getClass(), "register-partial.md", comments.get(0));
    assertThat(ResultCommentRenderer.statusDescription(Commands.REGISTER, result))
        .isEqualTo("1 created, 1 updated, 1 unchanged, 1 failed, 1 blocked");
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void foldsLongTablesAndErrorLists() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      rows.add(Row.of(Action.CREATE, "Traffic Anomaly with Event" + i, "Event" + i, null));
      rows.add(Row.of(Action.UNCHANGED, "No Traffic with Event" + i, "Event" + i, monitor(100 + i)));
    }
    List<String> plan = renderer.result(Commands.PLAN, PR, CommandResult.completed(rows, ""));
    Golden.assertMatches(getClass(), "plan-folded.md", plan.get(0));

    List<Diagnostic> errors = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      errors.add(Diagnostic.error(Path.of("schemas/event" + i + ".avdl"), i, 5, "type is required"));
    }
    errors.add(Diagnostic.error(null, 0, 0, "github.schema_paths is empty"));
    List<String> invalid = renderer.result(Commands.PLAN, PR, CommandResult.invalid(errors));
    assertThat(invalid).hasSize(1);
    assertThat(invalid.get(0))
        .contains("<details>\n<summary>23 errors</summary>\n\n- github.schema_paths is empty\n- [`schemas/event1.avdl:1`]")
        .contains("https://github.com/acme/event-schemas/blob/1111111111111111111111111111111111111111/schemas/event22.avdl#L22")
        .endsWith("</details>\n\n**Nothing was changed in Datadog.**\n");
  }

  @Test
  void splitsLongOutputIntoCommentsBelowTheLimitEachComplete() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      rows.add(new Row(Action.UPDATE, "Traffic Anomaly with SomeRatherLongEventName" + i, "SomeRatherLongEventName" + i,
          monitor(1000 + i), "query, options.thresholds.critical, message"));
    }
    ResultCommentRenderer small = new ResultCommentRenderer(10_000);

    List<String> comments = small.result(Commands.PLAN, PR, CommandResult.completed(rows, ""));

    assertThat(comments).hasSizeGreaterThan(1);
    for (int i = 0; i < comments.size(); i++) {
      String c = comments.get(i);
      assertThat(c.length()).isLessThanOrEqualTo(10_000);
      assertThat(c.lines().findFirst().orElseThrow()).matches(ResultCommentRenderer.markerPattern(Commands.PLAN));
      assertThat(c).contains("_Part " + (i + 1) + " of " + comments.size() + "_");
      assertThat(count(c, "<details>")).isEqualTo(count(c, "</details>"));
      assertThat(c).contains("| Action | Monitor | Event | Details |\n| --- | --- | --- | --- |\n");
    }
    assertThat(String.join("", comments)).contains("SomeRatherLongEventName1`", "SomeRatherLongEventName120`");
    Golden.assertMatches(getClass(), "plan-split-2.md", comments.get(1));
  }

  @Test
  void staysBelowGitHubsLimitWithThousandsOfMonitors() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      rows.add(new Row(i % 2 == 0 ? Action.UNCHANGED : Action.CREATE, "Traffic Anomaly with Event" + i, "Event" + i,
          monitor(i), "x".repeat(i % 7 == 0 ? 5000 : 10)));
    }

    List<String> comments = renderer.result(Commands.REGISTER, PR, CommandResult.completed(rows, ""));

    assertThat(comments).hasSizeGreaterThan(2);
    assertThat(comments).allSatisfy(c -> assertThat(c.length()).isLessThan(65_536));
    assertThat(comments.get(0)).startsWith("<!-- esm:register -->\n_Part 1 of " + comments.size() + "_\n\n### ✅");
  }

  @Test
  void escapesTableCells() {
    CommandResult result = CommandResult.completed(List.of(
        new Row(Action.FAILED, "Odd | name [x]", "Odd`Event", null, "line one\nline <two>")), "");

    String comment = renderer.result(Commands.REGISTER, PR, result).get(0);

    assertThat(comment).contains("| ❌ **Failed** | Odd \\| name \\[x\\] | `Odd'Event` | line one<br>line &lt;two&gt; |");
  }

  @Test
  void keepsStatusDescriptionsShort() {
    assertThat(ResultCommentRenderer.statusDescription(Commands.PLAN, CommandResult.completed(List.of(), "")))
        .isEqualTo("no monitors in scope");
    assertThat(ResultCommentRenderer.statusDescription(Commands.REGISTER,
        CommandResult.invalid(List.of(Diagnostic.error(Path.of("a.avdl"), 1, 1, "bad")))))
        .isEqualTo("1 error in the schemas; nothing was changed in Datadog");
  }

  private static int count(String text, String what) {
    return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }
}
