package dev.esm.core.bench;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.v1.api.MonitorsApi;
import com.datadog.api.client.v1.model.Monitor;
import dev.esm.core.apply.Applier;
import dev.esm.core.apply.ApplyResult;
import dev.esm.core.apply.ApplyPrinter;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.core.plan.MonitorFixtures;
import dev.esm.core.plan.Plan;
import dev.esm.core.plan.Planner;
import dev.esm.core.preflight.MonitorValidator;
import dev.esm.core.render.DesiredMonitor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reconciles N events × 2 monitors against {@link FakeDatadog} with a fixed latency per call, and
 * compares with a per-monitor lookup baseline (one name + tag list call per monitor, then the
 * write). Not part of the test suite; run it with
 *
 * <pre>
 * ./mvnw -B -q -Pbench -pl esm-core verify -Dbench.main=dev.esm.core.bench.ReconcileBenchmark
 * ./mvnw -B -q -pl esm-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.esm.core.bench.ReconcileBenchmark -Dexec.args="1000 50 8"
 * </pre>
 *
 * Arguments: events (1000), latency in ms (50), parallelism (8).
 */
public final class ReconcileBenchmark {

  private ReconcileBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : Applier.DEFAULT_PARALLELISM;
    Duration latency = Duration.ofMillis(latencyMs);

    List<DesiredMonitor> desired = new ArrayList<>();
    Set<String> scope = new HashSet<>();
    for (int i = 0; i < events; i++) {
      String record = String.format(Locale.ROOT, "Event%04d", i);
      desired.add(MonitorFixtures.anomaly(record));
      desired.add(MonitorFixtures.drop(record, 10));
      scope.add("event:" + record.toLowerCase(Locale.ROOT));
    }
    int monitors = desired.size();
    // Every create is validated first (Datadog's own check), then written: two rounds of calls.
    double ideal = 2 * Math.ceil((double) monitors / parallelism) * latencyMs / 1000.0;
    System.out.printf(Locale.ROOT, "Reconcile benchmark: %d events × 2 = %d monitors, %d ms per call, parallelism %d%n%n",
        events, monitors, latencyMs, parallelism);

    warmUp(desired.subList(0, Math.min(200, desired.size())), scope, parallelism);

    Run first;
    Run noop;
    try (FakeDatadog fake = FakeDatadog.start()) {
      fake.latency(latency);
      DatadogApiMonitors datadog = new DatadogApiMonitors(DatadogSettings.fromEnvironment(fake.environment()));
      first = esm("ESM first apply", fake, datadog, desired, scope, parallelism);
      noop = esm("ESM no-op re-apply", fake, datadog, desired, scope, parallelism);
      Run baselineNoop = baseline("Baseline no-op re-apply", fake, desired, parallelism, false);
      Run baselineFirst;
      try (FakeDatadog empty = FakeDatadog.start()) {
        empty.latency(latency);
        baselineFirst = baseline("Baseline first apply", empty, desired, parallelism, true);
      }
      System.out.println("| run | list/lookup calls | writes | validations and other calls | wall time |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Run run : List.of(first, noop, baselineFirst, baselineNoop)) {
        System.out.println(run.row());
      }
    }
    System.out.printf(Locale.ROOT, "%nIdeal first apply ((validations + creates) ÷ parallelism × latency): %.2f s; measured %.2f s = %.2f×  (target ≤ 1.5×)%n",
        ideal, first.seconds, first.seconds / ideal);
    System.out.printf(Locale.ROOT, "No-op re-apply: %d list calls, %d writes (target ≤ 2 list calls, 0 writes)%n",
        noop.lists, noop.writes);
  }

  private static Run esm(String label, FakeDatadog fake, DatadogApiMonitors datadog, List<DesiredMonitor> desired,
      Set<String> scope, int parallelism) {
    fake.resetCalls();
    long start = System.nanoTime();
    Plan plan = Planner.plan(desired, scope, datadog.listByTag(MonitorFixtures.IDENTITY));
    new MonitorValidator(datadog, parallelism).check(plan); // as Reconciler.plan does: Datadog's check before any write
    ApplyResult result = new Applier(datadog, MonitorFixtures.IDENTITY, parallelism).apply(plan);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(label + ": " + ApplyPrinter.summary(result));
    return new Run(label, fake.calls(FakeDatadog.LIST), fake.writes(), fake.totalCalls() - fake.calls(FakeDatadog.LIST) - fake.writes(), seconds);
  }

  /** Loads and compiles the client, planner and applier on a throwaway fake, so no run pays for it. */
  private static void warmUp(List<DesiredMonitor> desired, Set<String> scope, int parallelism) throws Exception {
    try (FakeDatadog fake = FakeDatadog.start()) {
      DatadogApiMonitors datadog = new DatadogApiMonitors(DatadogSettings.fromEnvironment(fake.environment()));
      for (int round = 0; round < 2; round++) {
        Plan plan = Planner.plan(desired, scope, datadog.listByTag(MonitorFixtures.IDENTITY));
        new Applier(datadog, MonitorFixtures.IDENTITY, parallelism).apply(plan);
      }
      baseline("warm-up", fake, desired, parallelism, true);
    }
    System.out.println();
  }

  /** One name + tag lookup per monitor, then a create when it is missing, N at a time. */
  private static Run baseline(String label, FakeDatadog fake, List<DesiredMonitor> desired, int parallelism, boolean create)
      throws Exception {
    fake.resetCalls();
    MonitorsApi api = new MonitorsApi(client(fake.baseUrl()));
    DatadogApiMonitors writer = new DatadogApiMonitors(DatadogSettings.fromEnvironment(fake.environment()));
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    long start = System.nanoTime();
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (DesiredMonitor monitor : desired) {
        tasks.add(() -> {
          List<Monitor> found = api.listMonitors(new MonitorsApi.ListMonitorsOptionalParameters()
              .name(monitor.definition().name()).monitorTags(MonitorFixtures.IDENTITY));
          if (found.isEmpty() && create) {
            writer.create(monitor.definition());
          }
          return null;
        });
      }
      for (Future<Void> future : pool.invokeAll(tasks)) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(label + ": " + desired.size() + " lookups");
    return new Run(label, fake.calls(FakeDatadog.LIST), fake.writes(), fake.totalCalls() - fake.calls(FakeDatadog.LIST) - fake.writes(), seconds);
  }

  private static ApiClient client(URI baseUrl) {
    ApiClient client = new ApiClient();
    client.setServerIndex(1);
    client.setServerVariables(Map.of("protocol", baseUrl.getScheme(), "name", baseUrl.getAuthority()));
    client.configureApiKeys(Map.of("apiKeyAuth", FakeDatadog.API_KEY, "appKeyAuth", FakeDatadog.APP_KEY));
    return client;
  }

  private record Run(String label, int lists, int writes, int other, double seconds) {
    String row() {
      return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f s |", label, lists, writes, other, seconds);
    }
  }

}
