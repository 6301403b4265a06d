package dev.esm.webhook;

import dev.esm.catalog.CatalogFixture;
import dev.esm.catalog.CatalogService;
import dev.esm.catalog.CatalogSource;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import dev.esm.store.CommandStore;
import dev.esm.store.CommandStoreContract.TestClock;
import dev.esm.store.Database;
import dev.esm.store.NewCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code esm serve} with {@code ui: true} on the example repository: GitHub is WireMock (the
 * repository and its default branch's archive), Datadog the stand-in holding what pull request #42
 * registered (one monitor edited by hand, one deleted, one orphan), and the history one register
 * command of #42 by octocat. Each remote call is counted where the clients count them.
 */
final class CatalogServer implements AutoCloseable {

  final FakeDatadog datadog = FakeDatadog.start();
  final GitHubStub gitHub = new GitHubStub();
  final CatalogFixture.Calls gitHubCalls = new CatalogFixture.Calls();
  final CatalogFixture.Calls datadogCalls = new CatalogFixture.Calls();
  final TestClock clock = new TestClock();
  final WebhookServer server;

  CatalogServer(Path checkout) throws IOException {
    EsmConfig config = CatalogFixture.config();
    CatalogFixture.checkout(checkout);
    CatalogFixture.registerAndDrift(config, checkout, datadog);
    datadog.resetCalls();
    gitHub.repository(CatalogFixture.REPO, "main").zipball(CatalogFixture.REPO, "main", CatalogFixture.repositoryFiles());
    Database database = Database.inMemory();
    CommandStore store = new CommandStore(database, clock);
    clock.millis.set(System.currentTimeMillis());
    store.accept(new NewCommand("delivery-42", CatalogFixture.REPO, 42, "register",
        CatalogFixture.commentPayload(42, "octocat", "esm register")));
    var claimed = store.claim("replica-1", Duration.ofMinutes(2)).orElseThrow();
    store.finish(claimed.id(), "replica-1", "ok");

    GitHubClients clients = GitHubClients.withToken(gitHub.url(), "ghp_catalogtest", gitHubCalls);
    DatadogApiMonitors monitors = CatalogFixture.client(datadog, datadogCalls);
    WebhookMetrics metrics = new WebhookMetrics();
    SecretMasker secrets = SecretMasker.of(java.util.List.of("ghp_catalogtest"));
    CatalogService catalog = new CatalogService(new CatalogSource(config, monitors, clients, clock)::read,
        since -> store.history(since, CatalogService.HISTORY_LIMIT), monitors::monitorUrl, secrets::mask, clock,
        CatalogService.REFRESH);
    server = WebhookServer.create(ServiceConfiguration.of(0, "catalog-webhook-secret", config.github().repositories(),
            config.github().schemaPaths()), clients, new RegistrationEngine(config, monitors, null), metrics, config, secrets,
        database, Duration.ofMinutes(2))
        .serveCatalog(catalog).start();
  }

  String url(String pathAndQuery) {
    return "http://localhost:" + server.port() + pathAndQuery;
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.stop();
    gitHub.close();
    datadog.close();
  }
}
