package dev.esm.webhook;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubFeedback;
import dev.esm.store.CommandStore;
import dev.esm.store.StoredCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pull_request} deliveries that passed the common gates (signature, allow-list, dedupe):
 * which actions ESM acts on, and running that work once the {@link CommandStore} hands it out (stored
 * as the delivery is accepted, one at a time per repository across replicas). Remembers the
 * newest head announced for each pull request, so that a plan of an older head is not published
 * over a newer one. Each piece of work runs within {@code limits.command_timeout}.
 */
final class PullRequestEvents {

  private static final Logger LOG = LoggerFactory.getLogger(PullRequestEvents.class);
  static final Set<String> AUTOPLAN_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");
  static final String AUTOPLAN = "autoplan";
  static final String REGISTER_ON_MERGE = "register_on_merge";
  static final String RESTORE_ON_CLOSE = "restore_on_close";
  private static final Set<String> WORK = Set.of(AUTOPLAN, REGISTER_ON_MERGE, RESTORE_ON_CLOSE);

  private final GitHubClients gitHub;
  private final Autoplan autoplan;
  private final MergeRegistration mergeRegistration;
  private final CloseRestoration closeRestoration;
  private final Duration timeout;
  private final PullRequestRules rules;
  private final WebhookMetrics metrics;
  private final DeliveryLog log;
  private final java.util.function.UnaryOperator<String> outgoing;
  private final CommandStore store;
  /** At most this many pull requests' newest heads are remembered (the least recently announced go first). */
  static final int REMEMBERED_HEADS = 10_000;
  private final Map<String, String> newestHead = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED_HEADS;
        }
      });

  /** @param timeout {@code limits.command_timeout}: after it, the work writes nothing more to Datadog */
  PullRequestEvents(GitHubClients gitHub, Autoplan autoplan, MergeRegistration mergeRegistration,
      CloseRestoration closeRestoration, Duration timeout, PullRequestRules rules, WebhookMetrics metrics, DeliveryLog log,
      java.util.function.UnaryOperator<String> outgoing, CommandStore store) {
    this.outgoing = outgoing;
    this.store = store;
    this.closeRestoration = closeRestoration;
    this.timeout = timeout;
    this.gitHub = gitHub;
    this.autoplan = autoplan;
    this.mergeRegistration = mergeRegistration;
    this.rules = rules;
    this.metrics = metrics;
    this.log = log;
  }

  /** Why ESM does nothing with this delivery, or null when it has work to queue. */
  String ignoredBecause(WebhookPayload payload) {
    if (payload.pullRequest() == null) {
      return "ignored: no pull request in the payload";
    }
    if (AUTOPLAN_ACTIONS.contains(payload.action())) {
      return rules.autoplan() ? null : "ignored: autoplan is off";
    }
    if (isMerge(payload)) {
      return rules.register().onMerge() ? null : "ignored: merged, and register.on is " + rules.register().on();
    }
    if (isUnmergedClose(payload)) {
      return rules.register().restoreOnClose() ? null : "ignored: closed unmerged, and register.restore_on_close is false";
    }
    return "ignored: action " + payload.action();
  }

  /**
   * Called at intake, in delivery order: the head this delivery announces becomes the newest; a
   * closed pull request's is forgotten.
   */
  void accepted(WebhookPayload payload) {
    String head = payload.pullRequest().headSha();
    if ("closed".equals(payload.action())) {
      newestHead.remove(key(payload.repositoryName(), payload.pullRequest().number()));
    } else if (head != null) {
      newestHead.put(key(payload.repositoryName(), payload.pullRequest().number()), head);
    }
  }

  /** True while {@code sha} is the newest head announced for the pull request (or none was). */
  boolean isNewest(String repository, int number, String sha) {
    String newest = newestHead.get(key(repository, number));
    return newest == null || newest.equals(sha);
  }

  private static boolean isMerge(WebhookPayload payload) {
    return "closed".equals(payload.action()) && payload.pullRequest().merged() && payload.pullRequest().mergeCommitSha() != null;
  }

  private static boolean isUnmergedClose(WebhookPayload payload) {
    return "closed".equals(payload.action()) && !payload.pullRequest().merged();
  }

  /** The stored command's word for the work this delivery asks for (once {@link #ignoredBecause} said it asks for some). */
  static String work(WebhookPayload payload) {
    return isMerge(payload) ? REGISTER_ON_MERGE : isUnmergedClose(payload) ? RESTORE_ON_CLOSE : AUTOPLAN;
  }

  /** True for the words of the stored commands this class runs. */
  static boolean runs(String word) {
    return WORK.contains(word);
  }

  /** A newer autoplan of the same pull request took this waiting one's place: counted and logged. */
  void superseded(String deliveryId, String repository, int number, long acceptedAtMillis) {
    Duration took = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - acceptedAtMillis));
    metrics.command(AUTOPLAN, "superseded", took);
    log.pullRequestEvent(deliveryId, repository, number, AUTOPLAN, "superseded", took.toMillis());
  }

  /**
   * Runs a stored {@code pull_request} command, from the start (a rerun after a restart or a
   * lapsed lease runs it again whole; its one result comment is edited). A lease lost while it runs
   * stops its writes as a timeout does.
   */
  String run(StoredCommand stored, DurableCommandQueue.Lease lease) {
    byte[] body = stored.body().getBytes(StandardCharsets.UTF_8);
    String work = stored.word();
    String deliveryId = LogText.deliveryId(stored.deliveryId());
    WebhookPayload payload;
    try {
      payload = WebhookPayload.parse(body);
    } catch (IOException e) {
      LOG.error("delivery {}: the stored payload cannot be read again; dropping the {}", deliveryId, work);
      return "failed";
    }
    int number = payload.pullRequest().number();
    String outcome;
    try {
      GitHub client = gitHub.forInstallation(payload.installationId());
      GitHubFeedback feedback = GitHubFeedback.forPullRequestDelivery(client, body, gitHub::selfLogin, outgoing)
          .remembering(new StoredCommentMemory(stored, store));
      outcome = within(work, lease, () -> switch (work) {
        case REGISTER_ON_MERGE -> mergeRegistration.run(feedback, payload);
        case RESTORE_ON_CLOSE -> closeRestoration.run(feedback, payload);
        default -> autoplan.run(feedback, payload, gitHub.isApp(), this);
      });
    } catch (CommandDeadline.Stopped e) {
      outcome = lease.held() ? "timed_out" : "lease_lost";
      LOG.warn("delivery {}: {} of {}#{} stopped: {}", deliveryId, work, payload.repositoryName(), number, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "stopped";
      LOG.warn("delivery {}: {} of {}#{} stopped: the service is stopping", deliveryId, work, payload.repositoryName(),
          number);
    } catch (Exception e) {
      outcome = lease.held() ? "failed" : "lease_lost";
      if (e instanceof EsmException) {
        LOG.warn("delivery {}: {} of {}#{} failed: {}", deliveryId, work, payload.repositoryName(), number, e.getMessage());
      } else {
        LOG.error("delivery {}: {} of {}#{} failed ({})", deliveryId, work, payload.repositoryName(), number,
            e.getClass().getSimpleName(), e);
      }
    }
    Duration took = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - stored.acceptedAt()));
    metrics.command(work, outcome, took);
    log.pullRequestEvent(stored.deliveryId(), payload.repositoryName(), number, work, outcome, took.toMillis());
    return outcome;
  }

  /**
   * Runs the work on its own thread within {@code limits.command_timeout}, as a comment command
   * runs: once the time is up, its Datadog calls fail at once and the repository's next command may run.
   */
  private String within(String work, DurableCommandQueue.Lease lease, java.util.concurrent.Callable<String> call)
      throws Exception {
    CommandDeadline deadline = new CommandDeadline();
    deadline.stopWhenLost(lease); // Datadog writes stop at once
    java.util.concurrent.FutureTask<String> task = new java.util.concurrent.FutureTask<>(() -> {
      deadline.enter();
      try {
        return call.call();
      } finally {
        CommandDeadline.leave();
      }
    });
    Thread thread = new Thread(task, "esm-" + work);
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (java.util.concurrent.TimeoutException e) {
      String reason = "it ran out of time: limits.command_timeout is " + dev.esm.core.config.Durations.format(timeout);
      deadline.stop(reason);
      task.cancel(true);
      throw new CommandDeadline.Stopped(reason);
    } catch (InterruptedException e) {
      deadline.stop("the service is stopping");
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private static String key(String repository, int number) {
    return repository.toLowerCase(java.util.Locale.ROOT) + "#" + number;
  }
}
