package dev.esm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.drift.DriftKind;
import dev.esm.core.golden.Golden;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's HTML, whole, for the example repository: every event, filtered by team, searched, and empty. */
class CatalogPageTest {

  @TempDir static Path root;
  private static FakeDatadog datadog;
  private static Catalog catalog;
  private static final CatalogPage PAGE = new CatalogPage(UnaryOperator.identity());

  @BeforeAll
  static void assemble() throws Exception {
    datadog = FakeDatadog.start();
    EsmConfig config = CatalogFixture.config();
    CatalogFixture.checkout(root);
    CatalogFixture.registerAndDrift(config, root, datadog);
    catalog = CatalogFixture.assembler().assemble(CatalogFixture.READ_AT, List.of(CatalogFixture.branch(config, root)),
        CatalogFixture.client(datadog, dev.esm.core.calls.CallCounter.NONE).listByTag(config.identityTag()),
        CatalogFixture.history(), List.of());
  }

  @AfterAll
  static void stop() {
    datadog.close();
  }

  private static String page(String query) {
    Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      String[] kv = pair.split("=", 2);
      parameters.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv[1]);
    }
    return PAGE.render(catalog, Filter.of(parameters));
  }

  @Test
  void showsEveryExampleEventWithItsOwnerMonitorsDriftEmissionAndRegistration() {
    Golden.assertMatches(getClass(), "every-event.html", page(""));
  }

  @Test
  void filtersByTeam() {
    String html = page("team=team-learning");

    Golden.assertMatches(getClass(), "team-learning.html", html);
    assertThat(html).contains("<h3>QuizSubmittedEvent</h3>").doesNotContain("<h3>AddToCartEvent</h3>")
        .contains("<option value=\"team-learning\" selected>");
  }

  @Test
  void searchesByEventNameInAnyCase() {
    String html = page("q=cart");

    Golden.assertMatches(getClass(), "search-cart.html", html);
    assertThat(html).contains("<h3>AddToCartEvent</h3>", "<h3>RemoveFromCartEvent</h3>")
        .doesNotContain("<h3>QuizSubmittedEvent</h3>").contains("value=\"cart\"");
  }

  @Test
  void saysSoWhenNothingMatches() {
    Golden.assertMatches(getClass(), "no-match.html", page("repository=acme/event-schemas&q=nosuchevent"));
  }

  @Test
  void showsAnEmptyCatalogWithWhatCouldNotBeRead() {
    Catalog empty = new Catalog(CatalogFixture.READ_AT, List.of("acme/event-schemas"), List.of(), List.of(), List.of(),
        List.of(), List.of("acme/event-schemas: cannot read the default branch: GitHub answered 404"));

    Golden.assertMatches(getClass(), "nothing-read.html", PAGE.render(empty, Filter.NONE));
  }

  @Test
  void escapesWhatOthersWroteMasksSecretsAndLinksOnlyToWebPages() {
    Catalog.MonitorEntry monitor = new Catalog.MonitorEntry("Drop <b>now</b>", "traffic_drop", "high", 7L,
        URI.create("javascript:alert(1)"), DriftKind.EDITED, null);
    Catalog.EventEntry event = new Catalog.EventEntry("acme/event-schemas", "Evil", "x.y", "x.y.Evil", "t\"eam", "t\"eam",
        "<script>alert('hi')</script> key s3cr3t-token", "evil.avdl", URI.create("https://github.com/acme/event-schemas/blob/main/evil.avdl?a=1&b=2"),
        List.of(monitor), List.of(), new Catalog.Registration(9, URI.create("https://github.com/acme/event-schemas/pull/9"),
            "mallory<", Instant.EPOCH));
    Catalog hostile = new Catalog(Instant.EPOCH, List.of("acme/event-schemas"), List.of(event),
        List.of(new Catalog.TeamCounts("t\"eam", 1, 1, 0, 1)), List.of(), List.of(new Catalog.CommandEntry(
            "acme/event-schemas", 9, null, "register", "eve", "failed: s3cr3t-token", Instant.EPOCH)), List.of());

    String html = new CatalogPage(text -> text.replace("s3cr3t-token", "[secret]")).render(hostile, Filter.NONE);

    assertThat(html).doesNotContain("<script>", "<b>now", "javascript:", "s3cr3t-token", "t\"eam", "mallory<")
        .contains("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;", "Drop &lt;b&gt;now&lt;/b&gt;", "[secret]",
            "t&quot;eam", "href=\"https://github.com/acme/event-schemas/blob/main/evil.avdl?a=1&amp;b=2\"",
            "href=\"?team=t%22eam\"");
  }

  @Test
  void aDriftCheckInTheHistoryNamesNoPullRequest() {
    Catalog catalog = new Catalog(Instant.EPOCH, List.of("acme/event-schemas"), List.of(), List.of(), List.of(),
        List.of(new Catalog.CommandEntry("acme/event-schemas", 0, null, "drift", null, "checked", Instant.EPOCH),
            new Catalog.CommandEntry("acme/event-schemas", 9, null, "register", "eve", "ok", Instant.EPOCH)),
        List.of());

    String html = new CatalogPage(text -> text).render(catalog, Filter.NONE);

    assertThat(html).contains("<td>acme/event-schemas</td><td></td><td><code>esm drift</code>", "#9")
        .doesNotContain("#0");
  }
}
