package dev.esm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.esm.catalog.Catalog.EventEntry;
import dev.esm.catalog.Catalog.MonitorEntry;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.drift.DriftKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events × monitors × drift × emission sites × registrations, put together from the example repository. */
class CatalogAssemblerTest {

  @TempDir Path root;
  private FakeDatadog datadog;
  private EsmConfig config;
  private Branch branch;

  @BeforeEach
  void setUp() throws Exception {
    datadog = FakeDatadog.start();
    config = CatalogFixture.config();
    CatalogFixture.checkout(root);
    CatalogFixture.registerAndDrift(config, root, datadog);
    branch = CatalogFixture.branch(config, root);
  }

  @AfterEach
  void tearDown() {
    datadog.close();
  }

  private Catalog assemble(List<dev.esm.store.PastCommand> history) {
    List<RemoteMonitor> managed = CatalogFixture.client(datadog, dev.esm.core.calls.CallCounter.NONE).listByTag("esm-prod");
    return CatalogFixture.assembler().assemble(CatalogFixture.READ_AT, List.of(branch), managed, history, List.of());
  }

  private static EventEntry event(Catalog catalog, String name) {
    return catalog.events().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void listsEventsButNotTheRecordsUsedInsideThem() {
    Catalog catalog = assemble(CatalogFixture.history());

    assertThat(catalog.events()).extracting(EventEntry::name).contains("AddToCartEvent", "RemoveFromCartEvent")
        .doesNotContain("CartItem", "Money");
    assertThat(event(catalog, "AddToCartEvent")).extracting(EventEntry::namespace, EventEntry::team, EventEntry::owner)
        .containsExactly("com.acme.events.cart", "team-cart", "team-cart");
  }

  @Test
  void givesEachMonitorItsKindSeverityDatadogLinkAndDrift() {
    Catalog catalog = assemble(CatalogFixture.history());

    MonitorEntry edited = event(catalog, "AddToCartEvent").monitors().get(0);
    assertThat(edited).extracting(MonitorEntry::name, MonitorEntry::kind, MonitorEntry::severity, MonitorEntry::drift)
        .containsExactly(CatalogFixture.EDITED, "traffic_anomaly", "high", DriftKind.EDITED);
    assertThat(edited.url()).hasToString("https://app.datadoghq.com/monitors/" + edited.id());
    MonitorEntry missing = event(catalog, "QuizSubmittedEvent").monitors().stream()
        .filter(m -> m.name().equals(CatalogFixture.MISSING)).findFirst().orElseThrow();
    assertThat(missing).extracting(MonitorEntry::id, MonitorEntry::url, MonitorEntry::drift)
        .containsExactly(null, null, DriftKind.MISSING);
    assertThat(event(catalog, "CheckoutStartedEvent").monitors()).allSatisfy(m -> assertThat(m.drift()).isNull());
    assertThat(catalog.orphans()).extracting(MonitorEntry::name, MonitorEntry::team, MonitorEntry::drift)
        .containsExactly(tuple(CatalogFixture.ORPHAN, "team-cart", DriftKind.ORPHANED));
  }

  @Test
  void takesTheLastRegistrationFromTheMonitorMessageAndWhoAndWhenFromTheHistory() {
    Catalog catalog = assemble(CatalogFixture.history());

    assertThat(event(catalog, "CheckoutStartedEvent").lastRegistration()).isEqualTo(new Catalog.Registration(42,
        java.net.URI.create(CatalogFixture.PULL_REQUEST), "octocat", Instant.parse("2026-12-01T09:30:00Z")));
    assertThat(assemble(List.of()).events().stream().filter(e -> e.name().equals("CheckoutStartedEvent")).findFirst()
        .orElseThrow().lastRegistration()).extracting(Catalog.Registration::pullRequest, Catalog.Registration::who)
        .containsExactly(42, null);
    assertThat(event(catalog, "RemoveFromCartEvent").lastRegistration()).isNull();
  }

  @Test
  void findsWhereEventsAreEmittedInTheProducer() {
    Catalog catalog = assemble(List.of());

    assertThat(event(catalog, "AddToCartEvent").emission()).isNotEmpty()
        .allSatisfy(site -> assertThat(site.path()).startsWith("producer/com/acme/shop/"));
  }

  @Test
  void countsEventsMonitoredBlindSpotsAndDriftPerTeam() {
    Catalog catalog = assemble(List.of());

    Catalog.TeamCounts cart = catalog.teams().stream().filter(t -> t.team().equals("team-cart")).findFirst().orElseThrow();
    List<EventEntry> cartEvents = catalog.events().stream().filter(e -> e.team().equals("team-cart")).toList();
    assertThat(cart.events()).isEqualTo(cartEvents.size());
    assertThat(cart.monitored()).isEqualTo((int) cartEvents.stream().filter(EventEntry::isMonitored).count());
    assertThat(cart.blindSpots()).isEqualTo((int) cartEvents.stream().filter(EventEntry::isBlindSpot).count());
    assertThat(cart.drift()).as("the edited anomaly monitor and the orphan").isEqualTo(2);
    assertThat(catalog.teams()).extracting(Catalog.TeamCounts::team).isSorted();
  }

  @Test
  void showsTheCommandsWithWhoAskedAndTheirPullRequest() {
    Catalog catalog = assemble(CatalogFixture.history());

    assertThat(catalog.commands()).extracting(Catalog.CommandEntry::pullRequest, Catalog.CommandEntry::word,
        Catalog.CommandEntry::who, Catalog.CommandEntry::outcome).containsExactly(
            tuple(44, "plan", "mona", "queued"), tuple(43, "plan", "hubot", "failed"), tuple(42, "register", "octocat", "ok"));
    assertThat(catalog.commands().get(2).url()).hasToString(CatalogFixture.PULL_REQUEST);
  }
}
