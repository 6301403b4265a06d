package dev.esm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the durable queue promises, on each engine. */
public abstract class CommandStoreContract {

  static final Duration LEASE = Duration.ofSeconds(30);

  /** A clock the test moves (the catalog's tests move it too). */
  public static final class TestClock extends Clock {
    public final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    public void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }
  }

  final TestClock clock = new TestClock();
  Database database;
  CommandStore store;

  abstract StoreSettings settings();

  @BeforeEach
  void open() {
    database = Database.open(settings());
    store = new CommandStore(database, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  static NewCommand command(String delivery, String repository) {
    return new NewCommand(delivery, repository, 7, "register", "{\"delivery\":\"" + delivery + "\"}");
  }

  @Test
  void aDeliveryIsStoredOnceAndRecognisedAfter() {
    assertThat(store.seen("d1")).isFalse();
    assertThat(store.accept(command("d1", "acme/a"))).isEqualTo(CommandStore.Intake.STORED);
    assertThat(store.accept(command("d1", "acme/a"))).isEqualTo(CommandStore.Intake.DUPLICATE);
    assertThat(store.remember("d1")).isEqualTo(CommandStore.Intake.DUPLICATE);
    assertThat(store.remember("d2")).isEqualTo(CommandStore.Intake.STORED);
    assertThat(store.seen("d1")).isTrue();
    assertThat(store.seen("d2")).isTrue();
    assertThat(store.state("d1")).contains("queued");
    assertThat(store.state("d2")).isEmpty();
  }

  @Test
  void claimedCommandKeepsItsBodyAndCountsAttempts() {
    store.accept(command("d1", "acme/a"));
    StoredCommand claimed = store.claim("r1", LEASE).orElseThrow();
    assertThat(claimed.deliveryId()).isEqualTo("d1");
    assertThat(claimed.repository()).isEqualTo("acme/a");
    assertThat(claimed.pullRequest()).isEqualTo(7);
    assertThat(claimed.word()).isEqualTo("register");
    assertThat(claimed.body()).isEqualTo("{\"delivery\":\"d1\"}");
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.takenOver()).isFalse();
    assertThat(claimed.resultCommentId()).isNull();
    assertThat(store.state("d1")).contains("running");
    assertThat(store.finish(claimed.id(), "r1", "created")).isTrue();
    assertThat(store.state("d1")).contains("done:created");
    assertThat(store.claim("r1", LEASE)).isEmpty();
  }

  @Test
  void oneRepositoryRunsOneCommandAtATimeInOrderOthersInParallel() {
    store.accept(command("a1", "acme/a"));
    store.accept(command("a2", "acme/a"));
    store.accept(command("b1", "acme/b"));
    StoredCommand first = store.claim("r1", LEASE).orElseThrow();
    StoredCommand second = store.claim("r2", LEASE).orElseThrow();
    assertThat(first.deliveryId()).isEqualTo("a1");
    assertThat(second.deliveryId()).isEqualTo("b1");
    assertThat(store.claim("r2", LEASE)).as("a2 waits for a1, even on another replica").isEmpty();
    store.finish(first.id(), "r1", "ok");
    assertThat(store.claim("r2", LEASE).orElseThrow().deliveryId()).isEqualTo("a2");
  }

  @Test
  void aLapsedLeaseIsTakenOverFromTheStartAndTheOldOwnerCannotFinish() {
    store.accept(command("a1", "acme/a"));
    StoredCommand first = store.claim("r1", LEASE).orElseThrow();
    store.resultComment(first.id(), 4242L);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(store.claim("r2", LEASE)).as("the lease still holds").isEmpty();
    assertThat(store.renew(first.id(), "r1", LEASE)).isTrue();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(store.claim("r2", LEASE)).as("renewed").isEmpty();
    clock.advance(Duration.ofSeconds(2));
    StoredCommand again = store.claim("r2", LEASE).orElseThrow();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.takenOver()).isTrue();
    assertThat(again.resultCommentId()).isEqualTo(4242L);
    assertThat(store.renew(first.id(), "r1", LEASE)).as("r1 lost it").isFalse();
    assertThat(store.finish(first.id(), "r1", "ok")).isFalse();
    assertThat(store.finish(again.id(), "r2", "ok")).isTrue();
  }

  @Test
  void releasedCommandRunsAgainAtOnce() {
    store.accept(command("a1", "acme/a"));
    StoredCommand first = store.claim("r1", LEASE).orElseThrow();
    store.release(first.id(), "r1");
    StoredCommand again = store.claim("r2", LEASE).orElseThrow();
    assertThat(again.takenOver()).isFalse();
    assertThat(again.attempts()).isEqualTo(2);
  }

  @Test
  void depthCountsQueuedCommandsAndTheOldestAge() {
    assertThat(store.depth()).isEqualTo(new CommandStore.QueueDepth(0, Duration.ZERO));
    store.accept(command("a1", "acme/a"));
    clock.advance(Duration.ofSeconds(5));
    store.accept(command("a2", "acme/a"));
    clock.advance(Duration.ofSeconds(3));
    assertThat(store.depth()).isEqualTo(new CommandStore.QueueDepth(2, Duration.ofSeconds(8)));
    assertThat(store.unfinished("acme/a")).isEqualTo(2);
    store.claim("r1", LEASE);
    assertThat(store.depth()).isEqualTo(new CommandStore.QueueDepth(1, Duration.ofSeconds(3)));
    assertThat(store.unfinished("acme/a")).isEqualTo(2);
  }

  @Test
  void deliveriesAreKeptSevenDaysThenPruned() {
    store.accept(command("old", "acme/a"));
    store.finish(store.claim("r1", LEASE).orElseThrow().id(), "r1", "ok");
    store.remember("old-ignored");
    clock.advance(Duration.ofDays(6));
    store.remember("recent");
    assertThat(store.prune(Duration.ofDays(7))).isZero();
    clock.advance(Duration.ofDays(1).plusMinutes(1));
    assertThat(store.prune(Duration.ofDays(7))).isEqualTo(3);
    assertThat(store.seen("old")).isFalse();
    assertThat(store.seen("old-ignored")).isFalse();
    assertThat(store.seen("recent")).isTrue();
    assertThat(store.state("old")).isEmpty();
  }

  @Test
  void aRedeliveryIsAskedOnceAcrossReplicasUnlessGitHubRefusedItThenForgottenAfterSevenDays() {
    CommandStore otherReplica = new CommandStore(database, clock);
    assertThat(store.askRedelivery("guid-1")).isTrue();
    assertThat(otherReplica.askRedelivery("guid-1")).isFalse();
    assertThat(store.askRedelivery("guid-1")).isFalse();
    otherReplica.forgetRedelivery("guid-1"); // GitHub did not take the request
    assertThat(store.askRedelivery("guid-1")).isTrue();
    clock.advance(Duration.ofDays(7).plusMinutes(1));
    assertThat(store.prune(Duration.ofDays(7))).isEqualTo(1);
    assertThat(otherReplica.askRedelivery("guid-1")).isTrue();
  }

  @Test
  void theRecoveryPositionOnlyMovesForward() {
    assertThat(store.recoveryPosition()).isZero();
    store.recoveryPosition(1_000L);
    store.recoveryPosition(500L);
    assertThat(new CommandStore(database, clock).recoveryPosition()).isEqualTo(1_000L);
  }

  @Test
  void aQueuedPlanOfOnePullRequestGivesItsPlaceToANewerOne() {
    NewCommand plan1 = new NewCommand("p1", "acme/a", 7, "plan", "{\"n\":1}");
    NewCommand other = new NewCommand("r1", "acme/a", 8, "plan", "{\"n\":2}");
    NewCommand plan2 = new NewCommand("p2", "acme/a", 7, "plan", "{\"n\":3}");
    assertThat(store.accept(plan1, 10, true).intake()).isEqualTo(CommandStore.Intake.STORED);
    assertThat(store.accept(other, 10, true).intake()).isEqualTo(CommandStore.Intake.STORED);
    CommandStore.Acceptance replaced = store.accept(plan2, 10, true);
    assertThat(replaced).isEqualTo(new CommandStore.Acceptance(CommandStore.Intake.REPLACED,
        new CommandStore.Replaced("p1", "{\"n\":1}")));
    assertThat(store.seen("p1")).as("p1 stays remembered").isTrue();
    StoredCommand first = store.claim("r", LEASE).orElseThrow();
    assertThat(first.deliveryId()).as("p2 runs in p1's place, before r1").isEqualTo("p2");
    assertThat(first.body()).isEqualTo("{\"n\":3}");
    NewCommand plan3 = new NewCommand("p3", "acme/a", 7, "plan", "{}");
    assertThat(store.accept(plan3, 10, true).intake()).as("a running plan is not replaced").isEqualTo(CommandStore.Intake.STORED);
  }

  @Test
  void aRepositoryWithItsMaximumQueuedTakesNoMore() {
    assertThat(store.accept(command("a1", "acme/a"), 2, false).intake()).isEqualTo(CommandStore.Intake.STORED);
    assertThat(store.accept(command("a2", "acme/a"), 2, false).intake()).isEqualTo(CommandStore.Intake.STORED);
    assertThat(store.accept(command("a3", "acme/a"), 2, false).intake()).isEqualTo(CommandStore.Intake.FULL);
    assertThat(store.accept(command("b1", "acme/b"), 2, false).intake()).isEqualTo(CommandStore.Intake.STORED);
    assertThat(store.state("a3")).isEmpty();
    assertThat(store.accept(command("a3", "acme/a"), 2, false).intake()).as("a refused delivery is remembered")
        .isEqualTo(CommandStore.Intake.DUPLICATE);
    store.claim("r", LEASE);
    assertThat(store.accept(command("a4", "acme/a"), 2, false).intake()).as("a running one is not queued")
        .isEqualTo(CommandStore.Intake.STORED);
  }

  @Test
  void eachClaimTakesTheOldestHeadOfALaneThatIsNotBusy() {
    for (int i = 0; i < 30; i++) {
      store.accept(command("d" + i, "acme/r" + (i % 3)));
    }
    StoredCommand r0 = store.claim("a", LEASE).orElseThrow();
    StoredCommand r1 = store.claim("b", LEASE).orElseThrow();
    StoredCommand r2 = store.claim("c", LEASE).orElseThrow();
    assertThat(List.of(r0.deliveryId(), r1.deliveryId(), r2.deliveryId())).containsExactly("d0", "d1", "d2");
    assertThat(store.claim("d", LEASE)).as("every lane is busy").isEmpty();
    store.finish(r1.id(), "b", "ok");
    assertThat(store.claim("d", LEASE).orElseThrow().deliveryId()).isEqualTo("d4");
    clock.advance(LEASE.plusSeconds(1));
    assertThat(store.claim("e", LEASE).orElseThrow().deliveryId()).as("a lapsed head before newer lanes").isEqualTo("d0");
  }

  @Test
  void concurrentClaimersNeverRunTwoCommandsOfOneRepositoryAtOnce() throws Exception {
    for (int i = 0; i < 20; i++) {
      store.accept(command("c" + i, "acme/" + (i % 3)));
    }
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.Set<String> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean overlap = new java.util.concurrent.atomic.AtomicBoolean();
    for (int t = 0; t < 4; t++) {
      String owner = "r" + t;
      Thread thread = new Thread(() -> {
        while (true) {
          Optional<StoredCommand> next = store.claim(owner, LEASE);
          if (next.isEmpty()) {
            if (store.depth().queued() == 0) {
              return;
            }
            Thread.onSpinWait();
            continue;
          }
          StoredCommand c = next.get();
          if (!busy.add(c.repository())) {
            overlap.set(true);
          }
          order.add(c.deliveryId());
          busy.remove(c.repository());
          store.finish(c.id(), owner, "ok");
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(60_000);
    }
    assertThat(overlap).isFalse();
    assertThat(order).hasSize(20).doesNotHaveDuplicates();
    for (int repo = 0; repo < 3; repo++) {
      int r = repo;
      List<Integer> ofRepo = order.stream().map(d -> Integer.parseInt(d.substring(1))).filter(i -> i % 3 == r).toList();
      assertThat(ofRepo).as("acme/" + repo + " in arrival order").isSorted();
    }
  }

  @Test
  void theHistoryListsTheCommandsSinceATimeNewestFirstWithTheirOutcome() {
    store.accept(command("old", "acme/a"));
    store.finish(store.claim("r1", LEASE).orElseThrow().id(), "r1", "ok");
    clock.advance(Duration.ofDays(8));
    long since = clock.millis() - Duration.ofDays(7).toMillis();
    store.accept(command("done", "acme/a"));
    store.finish(store.claim("r1", LEASE).orElseThrow().id(), "r1", "failed");
    clock.advance(Duration.ofSeconds(1));
    store.accept(command("queued", "acme/b"));

    java.util.List<PastCommand> history = store.history(since, 10);

    assertThat(history).extracting(PastCommand::repository, PastCommand::state, PastCommand::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/b", "queued", null),
            org.assertj.core.groups.Tuple.tuple("acme/a", "done", "failed"));
    assertThat(history.get(0).finishedAt()).isNull();
    assertThat(history.get(1).finishedAt()).isEqualTo(clock.millis() - 1000);
    assertThat(store.history(since, 1)).hasSize(1);
    assertThat(store.unfinished()).as("reading changed nothing").isEqualTo(1);
  }
}
