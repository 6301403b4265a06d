package dev.esm.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.golden.Golden;
import dev.esm.core.apply.ApplyResult.Outcome;
import dev.esm.core.plan.Action;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyPrinterTest {

  private static URI url(long id) {
    return URI.create("https://app.datadoghq.com/monitors/" + id);
  }

  @Test
  void printsEachMonitorWithItsLinkAndASummary() throws IOException {
    ApplyResult result =
        new ApplyResult(
            List.of(
                new Outcome(Action.CREATE, "Traffic Anomaly with AddToCartEvent", 123L, url(123), null),
                new Outcome(Action.UPDATE, "Traffic Drop with CartEvent", 124L, url(124), null),
                new Outcome(Action.DELETE, "No Traffic with OldEvent", 125L, null, null),
                new Outcome(Action.BLOCKED, "Serialization Errors with CartEvent", 126L, url(126), "monitor [126] is referenced in slos: [abc]"),
                new Outcome(Action.FAILED, "Traffic Drop with PageView", null, null, "Datadog rejected creating monitor 'Traffic Drop with PageView' (400): bad query"),
                new Outcome(Action.UNCHANGED, "Traffic Anomaly with PageView", 127L, url(127), null)),
            List.of());

    Golden.assertMatches(getClass(), "every-outcome.txt", ApplyPrinter.print(result));
  }

  @Test
  void summarisesACleanApply() {
    ApplyResult result =
        new ApplyResult(List.of(new Outcome(Action.UNCHANGED, "Traffic Anomaly with PageView", 127L, url(127), null)), List.of());

    assertThat(ApplyPrinter.print(result)).isEqualTo("Apply complete: 0 created, 0 updated, 0 deleted, 1 unchanged.\n");
    assertThat(result.hasFailures()).isFalse();
  }

}
