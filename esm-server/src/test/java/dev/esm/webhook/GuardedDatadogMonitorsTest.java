package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.store.StoredCommand;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The one guard around Datadog calls: a command stopped, by its deadline or by losing its lease, sends nothing more. */
class GuardedDatadogMonitorsTest {

  final List<String> calls = new ArrayList<>();
  final DatadogMonitors recording = (DatadogMonitors) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {DatadogMonitors.class}, (proxy, method, args) -> {
        calls.add(method.getName());
        return method.getReturnType() == List.class ? List.of() : null;
      });
  final GuardedDatadogMonitors guarded = new GuardedDatadogMonitors(recording);
  final DurableCommandQueue.Lease lease = new DurableCommandQueue.Lease(
      new StoredCommand(1, "d1", "acme/a", 7, "register", "{}", 0, 1, null, false));

  @Test
  void aCommandHoldingItsLeaseCallsDatadogAndOnceTheLeaseIsLostCallsNothingMoreEvenFromItsPool() throws Exception {
    CommandDeadline deadline = new CommandDeadline();
    deadline.stopWhenLost(lease);
    deadline.enter();
    ExecutorService pool = null;
    try {
      guarded.create(null);
      guarded.listByTag("esm-prod");
      lease.lose();
      pool = Executors.newFixedThreadPool(1); // created by the command, as the applier's is
      assertThatThrownBy(() -> guarded.update(5, null)).isInstanceOf(CommandDeadline.Stopped.class)
          .hasMessage("not sent: " + CommandDeadline.LEASE_LOST);
      assertThatThrownBy(() -> guarded.listByTag("esm-prod")).isInstanceOf(CommandDeadline.Stopped.class);
      CompletableFuture<Void> fromPool = CompletableFuture.runAsync(() -> guarded.delete(5), pool);
      assertThatThrownBy(fromPool::get).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(CommandDeadline.Stopped.class);
    } finally {
      CommandDeadline.leave();
      if (pool != null) {
        pool.shutdown();
      }
    }
    assertThat(calls).containsExactly("create", "listByTag");
    guarded.create(null); // outside any command: not guarded
    assertThat(calls).containsExactly("create", "listByTag", "create");
  }

  @Test
  void aLeaseLostBeforeTheCommandStartedStopsItAtOnce() {
    lease.lose();
    CommandDeadline deadline = new CommandDeadline();
    deadline.stopWhenLost(lease);
    deadline.enter();
    try {
      assertThatThrownBy(() -> guarded.create(null)).isInstanceOf(CommandDeadline.Stopped.class);
    } finally {
      CommandDeadline.leave();
    }
    assertThat(calls).isEmpty();
  }
}
