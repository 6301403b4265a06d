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
  void shutdownFinishesQueuedCommandsAndRefusesNewOnes() {
    CommandQueue queue = new CommandQueue(1);
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      queue.submit("acme/a", () -> {
        sleep(30);
        ran.incrementAndGet();
      });
    }

    queue.shutdown(Duration.ofSeconds(5));

    assertThat(ran.get()).isEqualTo(3);
    assertThat(queue.submit("acme/a", ran::incrementAndGet)).isFalse();
    assertThat(queue.isAccepting()).isFalse();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
