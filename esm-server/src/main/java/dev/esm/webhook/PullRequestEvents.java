package dev.esm.webhook;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubFeedback;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pull_request} deliveries that passed the common gates (signature, allow-list, dedupe):
 * which actions ESM acts on, and running that work on the repository's lane. Remembers the
 * newest head announced for each pull request, so that a plan of an older head is not published
 * over a newer one.
 */
final class PullRequestEvents {

  private static final Logger LOG = LoggerFactory.getLogger(PullRequestEvents.class);
  static final Set<String> AUTOPLAN_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");

  private final GitHubClients gitHub;
  private final Autoplan autoplan;
  private final MergeRegistration mergeRegistration;
  private final PullRequestRules rules;
  private final WebhookMetrics metrics;
  private final DeliveryLog log;
  private final java.util.function.UnaryOperator<String> outgoing;
  private final Map<String, String> newestHead = new ConcurrentHashMap<>();

  PullRequestEvents(GitHubClients gitHub, Autoplan autoplan, MergeRegistration mergeRegistration, PullRequestRules rules,
      WebhookMetrics metrics, DeliveryLog log, java.util.function.UnaryOperator<String> outgoing) {
    this.outgoing = outgoing;
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
    return "ignored: action " + payload.action();
  }

  /** Called at intake, in delivery order: the head this delivery announces becomes the newest. */
  void accepted(WebhookPayload payload) {
    String head = payload.pullRequest().headSha();
    if (head != null) {
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

  void run(String deliveryId, WebhookPayload payload, byte[] body, long acceptedNanos) {
    int number = payload.pullRequest().number();
    String work = isMerge(payload) ? "register_on_merge" : "autoplan";
    String outcome;
    try {
      GitHub client = gitHub.forInstallation(payload.installationId());
      GitHubFeedback feedback = GitHubFeedback.forPullRequestDelivery(client, body, gitHub::selfLogin, outgoing);
      outcome = isMerge(payload) ? mergeRegistration.run(feedback, payload) : autoplan.run(feedback, payload, gitHub.isApp(), this);
    } catch (EsmException e) {
      outcome = "failed";
      LOG.warn("delivery {}: {} of {}#{} failed: {}", deliveryId, work, payload.repositoryName(), number, e.getMessage());
    } catch (Exception e) {
      outcome = "failed";
      LOG.error("delivery {}: {} of {}#{} failed ({})", deliveryId, work, payload.repositoryName(), number,
          e.getClass().getSimpleName(), e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - acceptedNanos);
    metrics.command(work, outcome, took);
    log.pullRequestEvent(deliveryId, payload.repositoryName(), number, work, outcome, took.toMillis());
  }

  private static String key(String repository, int number) {
    return repository.toLowerCase(java.util.Locale.ROOT) + "#" + number;
  }
}
