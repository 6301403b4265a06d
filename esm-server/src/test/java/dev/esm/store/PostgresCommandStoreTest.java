package dev.esm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresCommandStoreTest extends CommandStoreContract {

  private StoreSettings settings;

  @Override
  StoreSettings settings() {
    if (settings == null) {
      settings = TestPostgres.newDatabase();
    }
    return settings;
  }

  @Test
  void twoReplicasOnOneDatabaseShareDeliveriesAndLanes() {
    try (Database other = Database.open(settings())) {
      CommandStore replica = new CommandStore(other, clock);
      assertThat(store.accept(command("d1", "acme/a"))).isEqualTo(CommandStore.Intake.STORED);
      assertThat(replica.accept(command("d1", "acme/a"))).isEqualTo(CommandStore.Intake.DUPLICATE);
      store.accept(command("d2", "acme/a"));
      StoredCommand first = replica.claim("r2", LEASE).orElseThrow();
      assertThat(store.claim("r1", LEASE)).isEmpty();
      replica.finish(first.id(), "r2", "ok");
      assertThat(store.claim("r1", LEASE).orElseThrow().deliveryId()).isEqualTo("d2");
    }
  }

  @Test
  void anUnreachableDatabaseIsAClearStartError() {
    assertThatThrownBy(() -> Database.open(new StoreSettings("jdbc:postgresql://127.0.0.1:1/none", "u", "secret-pw", null)))
        .isInstanceOf(StoreStartException.class)
        .hasMessageStartingWith("the database at jdbc:postgresql://127.0.0.1:1/none cannot be opened")
        .hasMessageNotContaining("secret-pw");
  }
}
