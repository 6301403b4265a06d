package dev.esm.webhook;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.GitHubClients;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every served repository for drift every {@code drift.interval}, the first time one
 * minute after start (or after the interval, when shorter). Each check runs in the repository's lane of the command queue, so it never interleaves
 * with a command on that repository; a repository whose previous check has not finished is
 * skipped for this round.
 */
public final class DriftWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(DriftWatcher.class);
  private static final Duration FIRST_CHECK_AFTER = Duration.ofMinutes(1);

  private final EsmConfig config;
  private final GitHubClients gitHub;
  private final DriftCheck check;
  private final Duration interval;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService timer;

  /**
   * @param datadog the Datadog port, counted as the service counts it
   * @param announcer Slack, or null
   */
  public DriftWatcher(EsmConfig config, DatadogMonitors datadog, GitHubClients gitHub, WebhookMetrics metrics,
      SlackAnnouncer announcer) {
    this(config, datadog, gitHub, metrics, announcer, SecretMasker.NONE);
  }

  /** As above; the drift issue's text passes through {@code secrets} first. */
  public DriftWatcher(EsmConfig config, DatadogMonitors datadog, GitHubClients gitHub, WebhookMetrics metrics,
      SlackAnnouncer announcer, SecretMasker secrets) {
    this.config = config;
    this.gitHub = gitHub;
    this.interval = config.drift().every();
    this.check = new DriftCheck(config, datadog, gitHub, new DefaultBranchReader(null, config.limits(), config.coverage().sources()), metrics, announcer, secrets);
  }

  /** False when {@code drift.interval} is 0. */
  public boolean isOn() {
    return !interval.isZero();
  }

  synchronized void start(CommandQueue queue) {
    if (!isOn() || timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "esm-drift-timer");
      t.setDaemon(true);
      return t;
    });
    // The first round soon after start (a restart should not postpone checks by hours), not at once.
    long first = Math.min(interval.toMillis(), FIRST_CHECK_AFTER.toMillis());
    timer.scheduleWithFixedDelay(() -> round(queue), first, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("drift checks every {} of {}", interval, config.github().repositories());
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void round(CommandQueue queue) {
    java.util.List<GitHubClients.Served> served;
    try {
      served = gitHub.served(config.github().repositories());
    } catch (IOException | RuntimeException e) {
      LOG.warn("drift checks skipped this round: cannot list the served repositories: {}", e.toString());
      return;
    }
    for (GitHubClients.Served repository : served) {
      String lane = repository.fullName().toLowerCase(Locale.ROOT);
      if (!running.add(lane)) {
        continue;
      }
      boolean queued = queue.submit(lane, () -> {
        try {
          check.run(repository);
        } finally {
          running.remove(lane);
        }
      });
      if (!queued) {
        running.remove(lane);
      }
    }
  }
}
