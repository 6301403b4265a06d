package dev.esm.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.esm.core.config.EsmConfig;
import dev.esm.store.CommandStore;
import dev.esm.store.StoreException;
import dev.esm.store.StoredCommand;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.GitHubClients;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every served repository for drift every {@code drift.interval}, the first time one
 * minute after start (or after the interval, when shorter). Each check is a stored command of the
 * repository, run by the durable queue like the others: it never interleaves with another command
 * on that repository (across replicas too), survives a restart, and a repository whose previous
 * check is still waiting or running gets no second one this round (whichever replica queued it).
 */
public final class DriftWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(DriftWatcher.class);
  private static final Duration FIRST_CHECK_AFTER = Duration.ofMinutes(1);

  private final EsmConfig config;
  private final GitHubClients gitHub;
  private final DriftCheck check;
  private final Duration interval;
  /** The stored command's word. */
  static final String WORD = "drift";
  private static final ObjectMapper JSON = new ObjectMapper();
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
    // A drift check that lost its lease writes nothing more to Datadog (CommandDeadline).
    this.check = new DriftCheck(config, new GuardedDatadogMonitors(datadog), gitHub,
        new DefaultBranchReader(null, config.limits(), config.coverage().sources()), metrics, announcer, secrets);
  }

  /** False when {@code drift.interval} is 0. */
  public boolean isOn() {
    return !interval.isZero();
  }

  /**
   * Starts the rounds: each queues a drift check of every served repository in {@code store}
   * (then calls {@code wake}), unless one is waiting or running there already.
   */
  synchronized void start(CommandStore store, Runnable wake) {
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
    timer.scheduleWithFixedDelay(() -> round(store, wake), first, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("drift checks every {} of {}", interval, config.github().repositories());
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void round(CommandStore store, Runnable wake) {
    java.util.List<GitHubClients.Served> served;
    try {
      served = gitHub.served(config.github().repositories());
    } catch (IOException | RuntimeException e) {
      LOG.warn("drift checks skipped this round: cannot list the served repositories: {}", e.toString());
      return;
    }
    for (GitHubClients.Served repository : served) {
      String lane = repository.fullName().toLowerCase(Locale.ROOT);
      try {
        ObjectNode body = JSON.createObjectNode().put("repository", repository.fullName());
        if (repository.installationId() != null) {
          body.put("installation", repository.installationId());
        }
        if (store.enqueueOnce(lane, WORD, body.toString())) {
          wake.run();
        }
      } catch (StoreException e) {
        LOG.warn("drift check of {} not queued this round: {}", repository.fullName(), e.getMessage());
      }
    }
  }

  /**
   * Runs a stored drift check. A lost lease stops its Datadog calls at once (another replica runs
   * the check again).
   */
  String run(StoredCommand stored, DurableCommandQueue.Lease lease) {
    GitHubClients.Served repository;
    try {
      JsonNode body = JSON.readTree(stored.body());
      JsonNode installation = body.path("installation");
      repository = new GitHubClients.Served(body.path("repository").asText(),
          installation.isNumber() ? installation.asLong() : null);
    } catch (IOException e) {
      LOG.error("{}: the stored check cannot be read again; dropping it", stored.label());
      return "failed";
    }
    CommandDeadline deadline = new CommandDeadline();
    deadline.stopWhenLost(lease);
    deadline.enter();
    try {
      check.run(repository);
    } finally {
      CommandDeadline.leave();
    }
    return lease.held() ? "checked" : "lease_lost";
  }
}
