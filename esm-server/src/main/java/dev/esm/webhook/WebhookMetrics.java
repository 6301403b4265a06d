package dev.esm.webhook;

import dev.esm.core.calls.CallCounter;
import dev.esm.core.drift.DriftKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's Prometheus metrics, served on {@link ServiceSettings#METRICS_PATH}:
 *
 * <ul>
 *   <li>{@code esm_webhook_deliveries_total{event,outcome}}
 *   <li>{@code esm_commands_total{command,outcome}} and {@code esm_command_duration_seconds{command}}
 *   <li>{@code esm_github_calls_total}, {@code esm_github_errors_total}
 *   <li>{@code esm_datadog_calls_total}, {@code esm_datadog_errors_total} (HTTP requests, counted
 *       by the Datadog adapter's HTTP layer through {@link #datadog()}, like GitHub's)
 *   <li>{@code esm_queue_commands}, {@code esm_queue_oldest_age_seconds}, {@code esm_queue_lease_takeovers_total}
 *   <li>{@code esm_drift_monitors{repository,kind}}: the drifted monitors the last drift check of
 *       the repository found, every kind present (0 for kinds without drift)
 * </ul>
 */
public final class WebhookMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CallCounter github = counter("github", "GitHub");
  private final CallCounter datadog = counter("datadog", "Datadog");
  private final Map<String, AtomicInteger> driftGauges = new ConcurrentHashMap<>();

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Counts GitHub API requests; the GitHub client factory wires it into its connector. */
  public CallCounter github() {
    return github;
  }

  /** Counts Datadog API requests; for the Datadog adapter to call. */
  public CallCounter datadog() {
    return datadog;
  }

  void delivery(String event, String outcome) {
    Counter.builder("esm.webhook.deliveries")
        .description("GitHub webhook deliveries received, by event and what became of them")
        .tag("event", event)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void command(String command, String outcome, Duration duration) {
    Counter.builder("esm.commands")
        .description("Pull-request commands run, by command and outcome")
        .tag("command", command)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("esm.command.duration")
        .description("Time from accepting a command to its last answer on the pull request")
        .tag("command", command)
        .register(registry)
        .record(duration);
  }

  /** A command taken over from a replica whose lease lapsed. */
  void leaseTakeover() {
    Counter.builder("esm.queue.lease.takeovers")
        .description("Commands taken over after the lease of the replica running them lapsed")
        .register(registry)
        .increment();
  }

  /** The queue's gauges: commands waiting in the store and the age of the oldest, read when scraped. */
  void queue(java.util.function.Supplier<dev.esm.store.CommandStore.QueueDepth> depth) {
    QueueGauges gauges = new QueueGauges(depth);
    Gauge.builder("esm.queue.commands", gauges, g -> g.read().queued())
        .description("Commands stored and waiting for a worker (all replicas)")
        .register(registry);
    Gauge.builder("esm.queue.oldest.age.seconds", gauges, g -> g.read().oldestAge().toMillis() / 1000.0)
        .description("Age of the oldest waiting command, 0 when none waits")
        .register(registry);
  }

  /** Reads the store once per scrape for both gauges; NaN-free: an unreachable database reads as before. */
  private static final class QueueGauges {
    private final java.util.function.Supplier<dev.esm.store.CommandStore.QueueDepth> depth;
    private volatile dev.esm.store.CommandStore.QueueDepth last = new dev.esm.store.CommandStore.QueueDepth(0, Duration.ZERO);
    private volatile long readAt;

    QueueGauges(java.util.function.Supplier<dev.esm.store.CommandStore.QueueDepth> depth) {
      this.depth = depth;
    }

    dev.esm.store.CommandStore.QueueDepth read() {
      long now = System.nanoTime();
      if (now - readAt > 500_000_000L) {
        try {
          last = depth.get();
        } catch (RuntimeException e) {
          // keep the last reading; /readyz tells that the database is away
        }
        readAt = now;
      }
      return last;
    }
  }

  /** Sets the drift gauges of a repository after a check. */
  void drift(String repository, Map<DriftKind, Integer> counts) {
    counts.forEach((kind, count) -> driftGauges.computeIfAbsent(repository + " " + kind.key(), key -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder("esm.drift.monitors", value, AtomicInteger::get)
          .description("Managed monitors that left the default branch at the last drift check, by kind")
          .tag("repository", repository)
          .tag("kind", kind.key())
          .register(registry);
      return value;
    }).set(count));
  }

  String scrape() {
    return registry.scrape();
  }

  private CallCounter counter(String system, String label) {
    Counter calls = Counter.builder("esm." + system + ".calls")
        .description("Requests sent to the " + label + " API")
        .register(registry);
    Counter errors = Counter.builder("esm." + system + ".errors")
        .description("Requests to the " + label + " API that failed or were refused")
        .register(registry);
    return new CallCounter() {
      @Override
      public void call() {
        calls.increment();
      }

      @Override
      public void error() {
        errors.increment();
      }
    };
  }
}
