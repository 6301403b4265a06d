package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.catalog.CatalogFixture;
import dev.esm.catalog.CatalogPage;
import dev.esm.catalog.CatalogService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /} of the running service: the page from GitHub, Datadog and the command history,
 * read once per refresh whatever the number of views, and never a write.
 */
class CatalogEndToEndTest {

  /** GitHub API calls per refresh with a token, as the client counts them: the repository, then its zipball. */
  static final int GITHUB_CALLS_PER_REFRESH = 2;
  /** GitHub requests per refresh as GitHub sees them: the zipball's redirect to the archive download is one more. */
  static final int GITHUB_REQUESTS_PER_REFRESH = 3;
  /** Datadog per refresh: one page of the listing by the identity tag (up to 1000 monitors a page). */
  static final int DATADOG_CALLS_PER_REFRESH = 1;

  @TempDir Path checkout;
  private CatalogServer service;

  @BeforeEach
  void start() throws Exception {
    service = new CatalogServer(checkout);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void servesThePageFromWhatTheServiceKnows() throws Exception {
    HttpResponse<String> page = service.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'none'", "style-src 'self'"));
    assertThat(page.body()).contains("<h3>AddToCartEvent</h3>", "<dt>Owner</dt><dd>team-cart</dd>",
        "<a href=\"" + service.datadog.baseUrl() + "/monitors/", ">Traffic Anomaly with AddToCartEvent</a>",
        "<span class=\"state drift\">edited in Datadog</span>", "<span class=\"state drift\">missing</span>",
        "Orphaned monitors", CatalogFixture.ORPHAN, "producer/com/acme/shop/cart/CartService.java:",
        "<a href=\"" + CatalogFixture.PULL_REQUEST + "\">#42</a> by octocat",
        "<code>esm register</code></td><td>octocat</td><td>ok</td>")
        .doesNotContain("ghp_catalogtest");
    HttpResponse<String> css = service.get(CatalogPage.STYLESHEET_PATH);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
    assertThat(css.body()).contains(".event {");
  }

  @Test
  void readsGitHubAndDatadogOncePerRefreshWhateverTheViewsAndWritesNothing() throws Exception {
    assertThat(service.get("/").statusCode()).isEqualTo(200);
    assertThat(service.gitHubCalls.get()).isEqualTo(GITHUB_CALLS_PER_REFRESH);
    assertThat(service.gitHub.requests()).hasSize(GITHUB_REQUESTS_PER_REFRESH);
    assertThat(service.datadogCalls.get()).isEqualTo(DATADOG_CALLS_PER_REFRESH);

    for (String view : new String[] {"/", "/?team=team-cart", "/?q=video", "/?repository=acme/event-schemas", "/"}) {
      assertThat(service.get(view).statusCode()).isEqualTo(200);
    }
    assertThat(service.gitHubCalls.get()).as("views within the refresh share one read").isEqualTo(GITHUB_CALLS_PER_REFRESH);
    assertThat(service.datadogCalls.get()).isEqualTo(DATADOG_CALLS_PER_REFRESH);

    service.clock.advance(CatalogService.REFRESH);
    assertThat(service.get("/?team=team-learning").statusCode()).isEqualTo(200);
    assertThat(service.gitHubCalls.get()).isEqualTo(2 * GITHUB_CALLS_PER_REFRESH);
    assertThat(service.gitHub.requests()).hasSize(2 * GITHUB_REQUESTS_PER_REFRESH);
    assertThat(service.datadogCalls.get()).isEqualTo(2 * DATADOG_CALLS_PER_REFRESH);

    assertThat(service.datadog.writes()).as("Datadog writes").isZero();
    assertThat(service.gitHub.requests()).allSatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("GET"));
  }

  @Test
  void answers404WithoutTheCatalog() throws Exception {
    service.server.serveCatalog(null);

    assertThat(service.get("/").statusCode()).isEqualTo(404);
    assertThat(service.get(CatalogPage.STYLESHEET_PATH).statusCode()).isEqualTo(404);
  }
}
