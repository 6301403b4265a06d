package dev.esm.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The service's database: H2 in file mode under the data directory, or PostgreSQL; a HikariCP
 * pool either way, and the migrations in {@code db/migration} applied at open.
 */
public final class Database implements AutoCloseable {

  /** The embedded database's file name (H2 adds {@code .mv.db}). */
  static final String EMBEDDED_NAME = "esm";

  private final HikariDataSource pool;
  private final StoreSettings settings;
  private final boolean onDisk;

  private Database(HikariDataSource pool, StoreSettings settings, boolean onDisk) {
    this.pool = pool;
    this.settings = settings;
    this.onDisk = onDisk;
  }

  /** Opens (and for the embedded engine creates) the database and migrates it; a clear error when it cannot. */
  public static Database open(StoreSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("esm-store");
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(3_000);
    config.setInitializationFailTimeout(settings.isEmbedded() ? 1 : 10_000);
    if (settings.isEmbedded()) {
      Path folder = embeddedFolder(settings.dataDir());
      // FILE_LOCK=FILE (the default) keeps a second process off the same folder: one replica.
      config.setJdbcUrl("jdbc:h2:file:" + folder.resolve(EMBEDDED_NAME) + ";DB_CLOSE_ON_EXIT=FALSE");
      config.setUsername("esm");
      config.setPassword("");
      config.setMaximumPoolSize(8);
    } else {
      if (!settings.url().startsWith("jdbc:postgresql:")) {
        throw new StoreStartException("ESM_DATABASE_URL must be a jdbc:postgresql:// URL", null, null);
      }
      config.setJdbcUrl(settings.url());
      config.setUsername(settings.user());
      config.setPassword(settings.password());
      config.setMaximumPoolSize(10);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw startError(settings, "cannot be opened", e);
    }
    try {
      migrate(pool);
    } catch (FlywayException e) {
      pool.close();
      throw startError(settings, "does not hold ESM's database or holds a newer one (" + firstLine(e.getMessage()) + ")", e);
    } catch (RuntimeException e) {
      pool.close();
      throw startError(settings, "cannot be opened", e);
    }
    return new Database(pool, settings, settings.isEmbedded());
  }

  /** A throwaway database in memory, gone with the process: for tests and for embedding without durability. */
  public static Database inMemory() {
    HikariConfig config = new HikariConfig();
    config.setPoolName("esm-store-memory");
    config.setJdbcUrl("jdbc:h2:mem:esm-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setUsername("esm");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    HikariDataSource pool = new HikariDataSource(config);
    migrate(pool);
    return new Database(pool, StoreSettings.embedded(Path.of("memory")), false);
  }

  private static Path embeddedFolder(Path dataDir) {
    Path folder = dataDir.toAbsolutePath().normalize();
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new StoreStartException("ESM_DATA_DIR " + folder + " is not a folder", folder, null);
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new StoreStartException("ESM_DATA_DIR " + folder + " cannot be created: " + e.getMessage(), folder, e);
    }
    return folder;
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("esm_schema_history")
        .load()
        .migrate();
  }

  private static StoreStartException startError(StoreSettings settings, String what, Exception e) {
    if (settings.isEmbedded()) {
      Path folder = settings.dataDir().toAbsolutePath().normalize();
      String why = causeText(e);
      return new StoreStartException("the data directory " + folder + " " + what
          + (why.contains("already in use") || why.contains("locked") ? ": another esm serve is using it" : "")
          + (what.startsWith("cannot") ? " (" + why + ")" : ""), folder, e);
    }
    return new StoreStartException("the database at " + settings.url() + " " + what
        + (what.startsWith("cannot") ? " (" + causeText(e) + ")" : ""), null, e);
  }

  private static String causeText(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return firstLine(root.getClass().getSimpleName() + ": " + root.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  public boolean isEmbedded() {
    return settings.isEmbedded();
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Forces what was committed onto the disk: H2 otherwise writes its file up to a second later.
   * Group commit: a caller whose commit is already covered by a sync that started after it
   * returns without one, and callers waiting while a sync runs share the next one; so 20
   * deliveries stored at once cost a few syncs, not 20 in a row.
   */
  void syncEmbedded() throws SQLException {
    if (!onDisk) {
      return;
    }
    long upTo;
    synchronized (syncs) {
      long ticket = ++syncs.committed; // this caller's commit happened before this line
      while (true) {
        if (syncs.synced >= ticket) {
          return;
        }
        if (!syncs.running) {
          syncs.running = true;
          upTo = syncs.committed; // every commit counted so far is in H2 before the sync starts
          break;
        }
        try {
          syncs.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the database to reach the disk", e);
        }
      }
    }
    boolean done = false;
    try (Connection connection = pool.getConnection(); Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT SYNC");
      done = true;
    } finally {
      synchronized (syncs) {
        syncs.running = false;
        if (done) {
          syncs.synced = Math.max(syncs.synced, upTo);
        }
        syncs.notifyAll(); // on a failure a waiting caller runs the next sync itself
      }
    }
  }

  /** The embedded engine's group commit: commits counted, commits known on disk, a sync running. */
  private static final class Syncs {
    long committed;
    long synced;
    boolean running;
  }

  private final Syncs syncs = new Syncs();

  /** True when the database answers within {@code timeoutSeconds}. */
  public boolean answers(int timeoutSeconds) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      s.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return settings.toString();
  }

  @Override
  public void close() {
    pool.close();
  }
}
