package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandQueueTest {

  @Test
  void runsOneRepositorysCommandsInOrderOneAtATime() throws Exception {
    CommandQueue queue = new CommandQueue(4);
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      int n = i;
      queue.submit("acme/event-schemas", () -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        events.add("start " + n);
        sleep(20);
        events.add("end " + n);
        running.decrementAndGet();
      });
    }
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    queue.shutdown(Duration.ofSeconds(1));

    assertThat(maxRunning.get()).isEqualTo(1);
    assertThat(events).containsExactly(
        "start 0", "end 0", "start 1", "end 1", "start 2", "end 2", "start 3", "end 3", "start 4", "end 4");
  }

  @Test
  void runsDifferentRepositoriesInParallel() throws Exception {
    CommandQueue queue = new CommandQueue(2);
    CountDownLatch both = new CountDownLatch(2);
    Runnable meet = () -> {
      both.countDown();
      try {
        assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    };
    queue.submit("acme/a", meet);
    queue.submit("acme/b", meet);

    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(both.getCount()).isZero();
    queue.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void keepsGoingAfterACommandThrows() throws Exception {
    CommandQueue queue = new CommandQueue(1);
    AtomicInteger ran = new AtomicInteger();
    queue.submit("acme/a", () -> {
      throw new IllegalStateException("boom");
    });
    queue.submit("acme/a", ran::incrementAndGet);

    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(ran.get()).isEqualTo(1);
    queue.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void shutdownFinishesTheRunningCommandTellsTheWaitingOnesAndRefusesNewOnes() throws Exception {
    CommandQueue queue = new CommandQueue(1);
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    for (int i = 0; i < 3; i++) {
      int n = i;
      queue.offer("acme/a", new CommandQueue.Job() {
        @Override
        public void run() {
          started.countDown();
          sleep(100);
          events.add("ran " + n);
        }

        @Override
        public void skip() {
          events.add("skipped " + n);
        }
      });
    }
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    queue.shutdown(Duration.ofSeconds(5));

    assertThat(events).containsExactly("skipped 1", "skipped 2", "ran 0");
    assertThat(queue.submit("acme/a", () -> events.add("late"))).isFalse();
    assertThat(queue.offer("acme/a", () -> events.add("late"))).isEqualTo(CommandQueue.Admission.CLOSED);
    assertThat(queue.isAccepting()).isFalse();
  }

  @Test
  void stopsTheRunningCommandWhenTheGraceIsOver() {
    CommandQueue queue = new CommandQueue(1);
    CountDownLatch stop = new CountDownLatch(1);
    List<String> events = new CopyOnWriteArrayList<>();
    queue.submit("acme/a", () -> {
      try {
        events.add(stop.await(5, TimeUnit.SECONDS) ? "stopped when told" : "never told");
      } catch (InterruptedException e) {
        events.add("interrupted");
      }
    });
    sleep(50);

    long start = System.nanoTime();
    queue.shutdown(Duration.ofMillis(200), stop::countDown);

    assertThat(events).containsExactly("stopped when told");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aNewerPlanOfAPullRequestReplacesTheOneWaitingAndKeepsItsPlace() throws Exception {
    CommandQueue queue = new CommandQueue(1);
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    queue.submit("acme/a", () -> await(release));
    assertThat(queue.offer("acme/a", job("plan #1 first", "plan #1", events))).isEqualTo(CommandQueue.Admission.QUEUED);
    assertThat(queue.offer("acme/a", job("register #1", null, events))).isEqualTo(CommandQueue.Admission.QUEUED);
    assertThat(queue.offer("acme/a", job("plan #2", "plan #2", events))).isEqualTo(CommandQueue.Admission.QUEUED);
    for (int i = 0; i < 98; i++) {
      assertThat(queue.offer("acme/a", job("plan #1 again", "plan #1", events))).isEqualTo(CommandQueue.Admission.REPLACED);
    }
    release.countDown();

    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    queue.shutdown(Duration.ofSeconds(1));
    assertThat(events).filteredOn(e -> e.startsWith("ran")).containsExactly("ran plan #1 again", "ran register #1", "ran plan #2");
    assertThat(events).filteredOn(e -> e.startsWith("superseded")).hasSize(98);
  }

  @Test
  void refusesACommandWhenItsRepositoryHasTheMostWaiting() throws Exception {
    CommandQueue queue = new CommandQueue(1, 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    List<String> events = new CopyOnWriteArrayList<>();
    queue.submit("acme/a", () -> {
      running.countDown();
      await(release);
    });
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue(); // no longer waiting: two more may wait
    queue.offer("acme/a", job("one", null, events));
    queue.offer("acme/a", job("two", null, events));

    assertThat(queue.offer("acme/a", job("three", null, events))).isEqualTo(CommandQueue.Admission.FULL);
    assertThat(queue.offer("acme/b", job("elsewhere", null, events))).isEqualTo(CommandQueue.Admission.QUEUED);
    release.countDown();
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    queue.shutdown(Duration.ofSeconds(1));
    assertThat(events).containsExactlyInAnyOrder("ran one", "ran two", "ran elsewhere");
  }

  private static CommandQueue.Job job(String name, String key, List<String> events) {
    return new CommandQueue.Job() {
      @Override
      public void run() {
        events.add("ran " + name);
      }

      @Override
      public String coalesceKey() {
        return key;
      }

      @Override
      public void superseded() {
        events.add("superseded " + name);
      }
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
