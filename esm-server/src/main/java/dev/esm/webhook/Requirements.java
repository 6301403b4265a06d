package dev.esm.webhook;

import dev.esm.github.PullRequestChecks;
import dev.esm.github.PullRequestChecks.Review;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

/**
 * {@code register.requires}: which of {@code approved} and {@code mergeable} a pull request
 * does not meet, judged as SPEC says (latest deciding review per reviewer; ESM's own status or
 * check never makes a pull request unmergeable; {@code mergeable: null} is asked again).
 */
final class Requirements {

  /** How to wait between two questions while GitHub computes mergeability; tests pass a no-op. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(30);
  static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
  private static final Set<String> NOT_MERGEABLE = Set.of("dirty", "behind", "draft");
  private static final Set<String> MERGEABLE_WHEN_ONLY_ESM_WAITS = Set.of("blocked", "unstable");

  private final Duration patience;
  private final Duration poll;
  private final Sleeper sleeper;

  Requirements(Duration patience, Duration poll, Sleeper sleeper) {
    this.patience = patience;
    this.poll = poll;
    this.sleeper = sleeper;
  }

  static Requirements standard() {
    return new Requirements(DEFAULT_PATIENCE, DEFAULT_POLL, d -> Thread.sleep(d.toMillis()));
  }

  /** The unmet keys of {@code required}, in the order configured; {@code pr} is the pull request as read. */
  List<String> unmet(List<String> required, GHRepository repository, GHPullRequest pr) throws Exception {
    List<String> unmet = new ArrayList<>();
    for (String key : required) {
      boolean met = switch (key) {
        case "approved" -> approved(PullRequestChecks.reviews(pr));
        case "mergeable" -> mergeable(repository, pr);
        default -> throw new IllegalArgumentException("unknown requirement " + key);
      };
      if (!met) {
        unmet.add(key);
      }
    }
    return unmet;
  }

  private boolean mergeable(GHRepository repository, GHPullRequest pr) throws Exception {
    // github-api reads the pull request again whenever the answer it holds says mergeable: null
    Boolean mergeable = pr.getMergeable();
    long waited = 0;
    while (mergeable == null) {
      if (waited >= patience.toMillis()) {
        return false;
      }
      sleeper.sleep(poll);
      waited += poll.toMillis();
      mergeable = pr.getMergeable();
    }
    String state = pr.getMergeableState();
    List<String> unfinished = state != null && MERGEABLE_WHEN_ONLY_ESM_WAITS.contains(state)
        ? PullRequestChecks.unfinished(repository, pr.getHead().getSha())
        : List.of();
    return mergeable(mergeable, state, unfinished);
  }

  /**
   * GitHub's {@code mergeable} is true and {@code mergeable_state} is not dirty, behind or draft;
   * blocked or unstable only when every failing or pending status and check is ESM's own.
   */
  static boolean mergeable(Boolean mergeable, String mergeableState, List<String> unfinished) {
    if (!Boolean.TRUE.equals(mergeable) || mergeableState == null || NOT_MERGEABLE.contains(mergeableState)) {
      return false;
    }
    if (MERGEABLE_WHEN_ONLY_ESM_WAITS.contains(mergeableState)) {
      return unfinished.stream().allMatch(Requirements::isOwn);
    }
    return true;
  }

  /** ESM's own contexts: the commit statuses {@code esm/…} and the check run {@code esm plan}. */
  static boolean isOwn(String context) {
    return context.startsWith("esm/") || context.equals(AutoplanNames.CHECK_RUN);
  }

  /**
   * Each reviewer's latest APPROVED or CHANGES_REQUESTED review counts (COMMENTED does not; a
   * DISMISSED one cancels that reviewer's earlier review): one approval and no change request.
   */
  static boolean approved(List<Review> reviewsOldestFirst) {
    Map<String, String> latest = new LinkedHashMap<>();
    for (Review review : reviewsOldestFirst) {
      switch (review.state()) {
        case "APPROVED", "CHANGES_REQUESTED" -> latest.put(review.reviewer(), review.state());
        case "DISMISSED" -> latest.remove(review.reviewer());
        default -> { }
      }
    }
    return latest.containsValue("APPROVED") && !latest.containsValue("CHANGES_REQUESTED");
  }
}
