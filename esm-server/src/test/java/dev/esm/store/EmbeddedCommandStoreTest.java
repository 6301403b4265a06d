package dev.esm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCommandStoreTest extends CommandStoreContract {

  @TempDir
  Path temp;

  @Override
  StoreSettings settings() {
    return StoreSettings.embedded(temp.resolve("esm-data"));
  }

  @Test
  void theDataDirectoryIsCreatedAndKeepsCommandsAcrossRestarts() {
    store.accept(command("d1", "acme/a"));
    StoredCommand running = store.claim("dead-process", LEASE).orElseThrow();
    database.close();
    assertThat(temp.resolve("esm-data").resolve("esm.mv.db")).isRegularFile();

    database = Database.open(settings());
    store = new CommandStore(database, clock);
    assertThat(store.seen("d1")).isTrue();
    assertThat(store.claim("r2", LEASE)).as("still leased").isEmpty();
    assertThat(store.resumeUnfinished()).isEqualTo(1);
    StoredCommand resumed = store.claim("r2", LEASE).orElseThrow();
    assertThat(resumed.id()).isEqualTo(running.id());
    assertThat(resumed.attempts()).isEqualTo(2);
  }

  @Test
  void aCorruptDatabaseFileIsAClearErrorNamingTheFolder() throws IOException {
    database.close();
    Path folder = temp.resolve("other");
    Files.createDirectories(folder);
    Files.write(folder.resolve("esm.mv.db"), "this is not a database at all, just some text".repeat(200).getBytes());
    assertThatThrownBy(() -> Database.open(StoreSettings.embedded(folder)))
        .isInstanceOf(StoreStartException.class)
        .hasMessageStartingWith("the data directory " + folder.toAbsolutePath() + " cannot be opened")
        .satisfies(e -> assertThat(((StoreStartException) e).folder()).isEqualTo(folder.toAbsolutePath()));
    database = Database.open(settings()); // for @AfterEach
  }

  @Test
  void aForeignDatabaseIsRefusedNamingTheFolder() throws Exception {
    database.close();
    Path folder = temp.resolve("foreign");
    try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + folder.toAbsolutePath().resolve("esm"), "esm", "");
        var s = c.createStatement()) {
      s.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
    }
    assertThatThrownBy(() -> Database.open(StoreSettings.embedded(folder)))
        .isInstanceOf(StoreStartException.class)
        .hasMessageStartingWith("the data directory " + folder.toAbsolutePath() + " does not hold ESM's database");
    database = Database.open(settings());
  }

  @Test
  void aFileInsteadOfAFolderIsRefused() throws IOException {
    Path file = Files.writeString(temp.resolve("a-file"), "x");
    assertThatThrownBy(() -> Database.open(StoreSettings.embedded(file)))
        .isInstanceOf(StoreStartException.class)
        .hasMessage("ESM_DATA_DIR " + file.toAbsolutePath() + " is not a folder");
  }
}
