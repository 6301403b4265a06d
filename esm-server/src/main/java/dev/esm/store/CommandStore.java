package dev.esm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue: commands stored as their delivery is accepted, claimed one at a time per
 * repository with a lease, renewed while they run, finished with their outcome; and the delivery
 * IDs already accepted.
 *
 * <p>Only the oldest unfinished command of a repository can be claimed, and only when it is queued
 * or its lease lapsed: so commands on one repository run one after the other, across replicas
 * too. Claims are serialised by a row lock ({@code esm_claim_lock}).
 */
public final class CommandStore {

  /** What became of a delivery offered to the store. */
  public enum Intake { STORED, REPLACED, FULL, DUPLICATE }

  static final String QUEUED = "queued";
  static final String RUNNING = "running";
  static final String DONE = "done";

  private final Database database;
  private final Clock clock;

  public CommandStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public boolean isEmbedded() {
    return database.isEmbedded();
  }

  /** True when the delivery ID was accepted before. */
  public boolean seen(String deliveryId) {
    return query("SELECT 1 FROM esm_delivery WHERE delivery_id = ?", ps -> {
      ps.setString(1, deliveryId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /** Remembers an accepted delivery that brought no command; DUPLICATE when another got there first. */
  public Intake remember(String deliveryId) {
    return durably(c -> insertDelivery(c, deliveryId) ? Intake.STORED : Intake.DUPLICATE);
  }

  /** Stores the command and its delivery ID together, on disk before this returns. */
  public Intake accept(NewCommand command) {
    return accept(command, Integer.MAX_VALUE, false).intake();
  }

  /**
   * Stores the command and its delivery ID together, on disk before this returns. With
   * {@code coalesce}, a queued command of the same word on the same pull request gives its place
   * to this one (REPLACED, with what it was); a repository with {@code maxQueued} commands
   * queued takes no more (FULL: the delivery ID is remembered, nothing queued).
   */
  public Acceptance accept(NewCommand command, int maxQueued, boolean coalesce) {
    return durably(c -> {
      if (!insertDelivery(c, command.deliveryId())) {
        return new Acceptance(Intake.DUPLICATE, null);
      }
      if (coalesce) {
        Replaced replaced = null;
        long id = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, delivery_id, body FROM esm_command WHERE state = ?"
            + " AND repository = ? AND pull_request = ? AND word = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
          ps.setString(1, QUEUED);
          ps.setString(2, command.repository());
          ps.setInt(3, command.pullRequest());
          ps.setString(4, command.word());
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              id = rs.getLong(1);
              replaced = new Replaced(rs.getString(2), rs.getString(3));
            }
          }
        }
        if (replaced != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE esm_command SET delivery_id = ?, body = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, command.deliveryId());
            ps.setString(2, command.body());
            ps.setLong(3, id);
            ps.setString(4, QUEUED);
            if (ps.executeUpdate() == 1) {
              return new Acceptance(Intake.REPLACED, replaced);
            }
          }
        }
      }
      if (!insertCommand(c, command, maxQueued)) {
        return new Acceptance(Intake.FULL, null);
      }
      return new Acceptance(Intake.STORED, null);
    });
  }

  /** What the store did with a command; {@code replaced} is the queued command it took the place of. */
  public record Acceptance(Intake intake, Replaced replaced) {}

  /** A queued command that a newer one replaced: its delivery and payload, to tell its author. */
  public record Replaced(String deliveryId, String body) {}

  private boolean insertDelivery(Connection c, String deliveryId) throws SQLException {
    return insertOnce(c, "esm_delivery", "accepted_at", deliveryId);
  }

  /**
   * Inserts the delivery ID with the time now into {@code table}; false when it is there already
   * (the key says so: no query first, one round trip). A duplicate rolls back the transaction, so
   * this must be its first write.
   */
  private boolean insertOnce(Connection c, String table, String timeColumn, String deliveryId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (delivery_id, " + timeColumn + ") VALUES (?, ?)")) {
      ps.setString(1, deliveryId);
      ps.setLong(2, clock.millis());
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        c.rollback();
        return false;
      }
      throw e;
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    // 23505 in both PostgreSQL and H2
    return "23505".equals(e.getSQLState());
  }

  /**
   * Records that this replica asks GitHub to redeliver {@code deliveryId}, on disk before this
   * returns; false when it was asked before (by this replica or another): it is not asked again.
   */
  public boolean askRedelivery(String deliveryId) {
    return durably(c -> insertOnce(c, "esm_redelivery", "asked_at", deliveryId));
  }

  /** Forgets a redelivery request GitHub did not take, so that the next round asks again. */
  public void forgetRedelivery(String deliveryId) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM esm_redelivery WHERE delivery_id = ?")) {
        ps.setString(1, deliveryId);
        return ps.executeUpdate();
      }
    });
  }

  /** The newest {@code delivered_at} (epoch milliseconds) read from the App's delivery list; 0 before the first round. */
  public long recoveryPosition() {
    return query("SELECT delivered_at FROM esm_recovery_position WHERE id = 1", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  /** Moves the recovery position forward to {@code deliveredAt} (never back). */
  public void recoveryPosition(long deliveredAt) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE esm_recovery_position SET delivered_at = ? WHERE id = 1 AND delivered_at < ?")) {
        ps.setLong(1, deliveredAt);
        ps.setLong(2, deliveredAt);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Queues a command that comes from no delivery (a drift check) for {@code repository}, unless one
   * of the same {@code word} is unfinished there already (queued or running, on any replica): then
   * false, nothing queued. Not synced to disk at once: one lost in a crash is queued at the next
   * round.
   */
  public boolean enqueueOnce(String repository, String word, String body) {
    return inTransaction(c -> {
      lockClaims(c); // two replicas queueing at once: the second sees the first's command
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM esm_command WHERE repository = ? AND word = ? AND state IN (?, ?)")) {
        ps.setString(1, repository);
        ps.setString(2, word);
        ps.setString(3, QUEUED);
        ps.setString(4, RUNNING);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
      }
      insertCommand(c, new NewCommand(null, repository, 0, word, body));
      return true;
    });
  }

  private static void lockClaims(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT id FROM esm_claim_lock WHERE id = 1 FOR UPDATE");
        ResultSet ignored = lock.executeQuery()) {
      // held until commit: one claim (or one enqueueOnce) at a time, across replicas
    }
  }

  private void insertCommand(Connection c, NewCommand command) throws SQLException {
    insertCommand(c, command, Integer.MAX_VALUE);
  }

  /**
   * Queues the command unless its repository has {@code maxQueued} commands queued already
   * (false): the count and the insert are one statement, one round trip.
   */
  private boolean insertCommand(Connection c, NewCommand command, int maxQueued) throws SQLException {
    String columns = "INSERT INTO esm_command (delivery_id, repository, pull_request, word, body, state, accepted_at,"
        + " attempts) ";
    boolean bounded = maxQueued < Integer.MAX_VALUE;
    try (PreparedStatement ps = c.prepareStatement(bounded
        // The casts tell H2 the parameters' types, which a bare SELECT list does not.
        ? columns + "SELECT CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(300)), CAST(? AS INTEGER),"
            + " CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR), CAST(? AS VARCHAR(16)), CAST(? AS BIGINT), 0"
            + " FROM esm_claim_lock WHERE id = 1"
            + " AND (SELECT COUNT(*) FROM esm_command WHERE state = ? AND repository = ?) < ?"
        : columns + "VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
      ps.setString(1, command.deliveryId());
      ps.setString(2, command.repository());
      ps.setInt(3, command.pullRequest());
      ps.setString(4, command.word());
      ps.setString(5, command.body());
      ps.setString(6, QUEUED);
      ps.setLong(7, clock.millis());
      if (bounded) {
        ps.setString(8, QUEUED);
        ps.setString(9, command.repository());
        ps.setInt(10, maxQueued);
      }
      return ps.executeUpdate() == 1;
    }
  }

  /** Commands not finished yet (queued or running), on every repository. */
  public int unfinished() {
    return query("SELECT COUNT(*) FROM esm_command WHERE state IN (?, ?)", ps -> {
      ps.setString(1, QUEUED);
      ps.setString(2, RUNNING);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** Commands of {@code repository} not finished yet (queued or running). */
  public int unfinished(String repository) {
    return query("SELECT COUNT(*) FROM esm_command WHERE state IN (?, ?) AND repository = ?", ps -> {
      ps.setString(1, QUEUED);
      ps.setString(2, RUNNING);
      ps.setString(3, repository);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /**
   * Claims the next command that may run: the oldest unfinished one of its repository, queued or
   * with a lapsed lease. Empty when none may run now.
   */
  public Optional<StoredCommand> claim(String owner, Duration lease) {
    return inTransaction(c -> {
      lockClaims(c);
      long now = clock.millis();
      StoredCommand found;
      try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.delivery_id, c.repository, c.pull_request, c.word,"
          + " c.body, c.accepted_at, c.attempts, c.result_comment_id, c.state FROM esm_command c"
          // The head of each repository's lane (its oldest unfinished command), found once per
          // lane rather than tested row by row: a claim stays cheap with a thousand queued.
          + " WHERE c.id IN (SELECT MIN(h.id) FROM esm_command h WHERE h.state IN (?, ?) GROUP BY h.repository)"
          + " AND (c.state = ? OR c.lease_expires_at < ?)"
          // An earlier id may commit after a later one was claimed: a live lease on the repository still holds it.
          + " AND NOT EXISTS (SELECT 1 FROM esm_command r WHERE r.state = ? AND r.repository = c.repository"
          + " AND r.id <> c.id AND r.lease_expires_at >= ?)"
          + " ORDER BY c.id FETCH FIRST 1 ROWS ONLY")) {
        ps.setString(1, QUEUED);
        ps.setString(2, RUNNING);
        ps.setString(3, QUEUED);
        ps.setLong(4, now);
        ps.setString(5, RUNNING);
        ps.setLong(6, now);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          long comment = rs.getLong(9);
          Long resultComment = rs.wasNull() ? null : comment;
          found = new StoredCommand(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
              rs.getString(6), rs.getLong(7), rs.getInt(8) + 1, resultComment,
              RUNNING.equals(rs.getString(10)));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE esm_command SET state = ?, lease_owner = ?,"
          + " lease_expires_at = ?, attempts = attempts + 1 WHERE id = ?")) {
        ps.setString(1, RUNNING);
        ps.setString(2, owner);
        ps.setLong(3, now + lease.toMillis());
        ps.setLong(4, found.id());
        ps.executeUpdate();
      }
      return Optional.of(found);
    });
  }

  /** Extends the lease of a command this owner runs; false when the lease is no longer its own. */
  public boolean renew(long id, String owner, Duration lease) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE esm_command SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND state = ?")) {
        ps.setLong(1, clock.millis() + lease.toMillis());
        ps.setLong(2, id);
        ps.setString(3, owner);
        ps.setString(4, RUNNING);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Records the outcome; false when another owner had taken the command over meanwhile. */
  public boolean finish(long id, String owner, String outcome) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE esm_command SET state = ?, outcome = ?, finished_at = ?,"
          + " lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = ?")) {
        ps.setString(1, DONE);
        ps.setString(2, outcome);
        ps.setLong(3, clock.millis());
        ps.setLong(4, id);
        ps.setString(5, owner);
        ps.setString(6, RUNNING);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Puts a claimed command back in the queue (a graceful stop): another worker or replica runs it from the start. */
  public void release(long id, String owner) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE esm_command SET state = ?, lease_owner = NULL,"
          + " lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = ?")) {
        ps.setString(1, QUEUED);
        ps.setLong(2, id);
        ps.setString(3, owner);
        ps.setString(4, RUNNING);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * At start with the embedded database (one replica, the folder locked by this process): whatever
   * was running belonged to a process that died, and runs again now rather than after its lease.
   * Returns how many commands were requeued.
   */
  public int resumeUnfinished() {
    if (!isEmbedded()) {
      throw new IllegalStateException("only the embedded database knows that no other replica runs commands");
    }
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE esm_command SET state = ?, lease_owner = NULL,"
          + " lease_expires_at = NULL WHERE state = ?")) {
        ps.setString(1, QUEUED);
        ps.setString(2, RUNNING);
        return ps.executeUpdate();
      }
    });
  }

  /** Keeps the id of the command's result comment, so that a rerun edits it rather than posting another. */
  public void resultComment(long id, long commentId) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE esm_command SET result_comment_id = ? WHERE id = ?")) {
        ps.setLong(1, commentId);
        ps.setLong(2, id);
        return ps.executeUpdate();
      }
    });
  }

  /** The number of queued commands (not running) and the age of the oldest, for the metrics. */
  public QueueDepth depth() {
    return query("SELECT COUNT(*), MIN(accepted_at) FROM esm_command WHERE state = ?", ps -> {
      ps.setString(1, QUEUED);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long oldest = rs.getLong(2);
        Duration age = rs.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - oldest));
        return new QueueDepth(rs.getInt(1), age);
      }
    });
  }

  /** Queued commands and the age of the oldest one. */
  public record QueueDepth(int queued, Duration oldestAge) {}

  /** Forgets delivery IDs, redelivery requests and finished commands older than {@code keep}; returns how many rows went. */
  public int prune(Duration keep) {
    long before = clock.millis() - keep.toMillis();
    return inTransaction(c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM esm_delivery WHERE accepted_at < ?")) {
        ps.setLong(1, before);
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM esm_redelivery WHERE asked_at < ?")) {
        ps.setLong(1, before);
        n += ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM esm_command WHERE state = ? AND finished_at < ?")) {
        ps.setString(1, DONE);
        ps.setLong(2, before);
        n += ps.executeUpdate();
      }
      return n;
    });
  }

  /**
   * The commands accepted since {@code since} (epoch milliseconds), newest first, at most
   * {@code limit}: the history the catalog page shows. Reads only.
   */
  public List<PastCommand> history(long since, int limit) {
    return query("SELECT repository, pull_request, word, body, state, outcome, accepted_at, finished_at FROM esm_command"
        + " WHERE accepted_at >= ? ORDER BY accepted_at DESC, id DESC FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY", ps -> {
      ps.setLong(1, since);
      List<PastCommand> commands = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long finishedAt = rs.getLong(8);
          Long finished = rs.wasNull() ? null : finishedAt;
          commands.add(new PastCommand(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getLong(7), finished));
        }
      }
      return commands;
    });
  }

  /** A command's stored state, for tests and the operations guide's queries. */
  public Optional<String> state(String deliveryId) {
    return query("SELECT state, outcome FROM esm_command WHERE delivery_id = ?", ps -> {
      ps.setString(1, deliveryId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String outcome = rs.getString(2);
        return Optional.of(outcome == null ? rs.getString(1) : rs.getString(1) + ":" + outcome);
      }
    });
  }

  /** The outcomes of the finished commands of {@code word} on {@code repository}, oldest first (for tests and operators). */
  public java.util.List<String> outcomes(String repository, String word) {
    return query("SELECT outcome FROM esm_command WHERE repository = ? AND word = ? AND state = ? ORDER BY id", ps -> {
      ps.setString(1, repository);
      ps.setString(2, word);
      ps.setString(3, DONE);
      java.util.List<String> outcomes = new java.util.ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outcomes.add(rs.getString(1));
        }
      }
      return outcomes;
    });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private interface Statement<T> {
    T run(PreparedStatement ps) throws SQLException;
  }

  private <T> T query(String sql, Statement<T> work) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setQueryTimeout(10);
      return work.run(ps);
    } catch (SQLException e) {
      throw new StoreException("the database did not answer: " + e.getMessage(), e);
    }
  }

  /**
   * A transaction on disk before this returns: what a delivery's answer promises. Other
   * transactions (claims, renewals, outcomes) may reach the embedded database's file up to a
   * second later; lost in a crash, they only make a command run again, which converges.
   */
  private <T> T durably(Work<T> work) {
    return inTransaction(work, true);
  }

  private <T> T inTransaction(Work<T> work, boolean sync) {
    T result = inTransaction(work);
    if (sync) {
      try {
        // With the connection back in the pool: concurrent callers share one sync (group commit).
        database.syncEmbedded();
      } catch (SQLException e) {
        throw new StoreException("the database did not reach the disk: " + e.getMessage(), e);
      }
    }
    return result;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("the database did not answer: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool drops it
    }
  }
}
