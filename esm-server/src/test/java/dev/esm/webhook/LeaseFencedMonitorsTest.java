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

class LeaseFencedMonitorsTest {

  final List<String> calls = new ArrayList<>();
  final DatadogMonitors recording = (DatadogMonitors) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {DatadogMonitors.class}, (proxy, method, args) -> {
        calls.add(method.getName());
        return method.getReturnType() == List.class ? List.of() : null;
      });
  final LeaseFencedMonitors fenced = new LeaseFencedMonitors(recording);
  final DurableCommandQueue.Lease lease = new DurableCommandQueue.Lease(
      new StoredCommand(1, "d1", "acme/a", 7, "register", "{}", 0, 1, null, false));

  @Test
  void aCommandHoldingItsLeaseWritesAndOnceLostWritesNothingMoreEvenFromItsPool() throws Exception {
    LeaseFencedMonitors.enter(lease);
    ExecutorService pool = null;
    try {
      fenced.create(null);
      lease.lose();
      pool = Executors.newFixedThreadPool(1); // created by the command, as the applier's is
      assertThatThrownBy(() -> fenced.update(5, null)).isInstanceOf(LeaseFencedMonitors.LeaseLost.class)
          .hasMessageStartingWith("not sent: the command's lease");
      CompletableFuture<Void> fromPool = CompletableFuture.runAsync(() -> fenced.delete(5), pool);
      assertThatThrownBy(fromPool::get).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(LeaseFencedMonitors.LeaseLost.class);
      fenced.listByTag("esm-prod"); // reading is not writing
    } finally {
      LeaseFencedMonitors.leave();
      if (pool != null) {
        pool.shutdown();
      }
    }
    assertThat(calls).containsExactly("create", "listByTag");
    fenced.create(null); // outside any command: not fenced
    assertThat(calls).containsExactly("create", "listByTag", "create");
  }
}
