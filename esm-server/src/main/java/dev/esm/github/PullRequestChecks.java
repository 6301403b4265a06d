package dev.esm.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHRepository;

/**
 * Reads what {@code register.requires} judges: the pull request (state, mergeability), its
 * reviews, and the statuses and check runs of its head commit.
 */
public final class PullRequestChecks {

  /** One review as GitHub lists it (oldest first). */
  public record Review(String reviewer, String state) {}

  private PullRequestChecks() {}

  public static GHPullRequest pullRequest(GHRepository repository, int number) {
    try {
      return repository.getPullRequest(number);
    } catch (IOException e) {
      throw GitHubException.of("reading pull request #" + number + " of " + repository.getFullName(), e);
    }
  }

  /**
   * Whether a pull request of the repository is open, asked of GitHub once per pull request
   * (one call each, remembered for the returned predicate's life).
   */
  public static java.util.function.IntPredicate openness(GHRepository repository) {
    java.util.Map<Integer, Boolean> known = new java.util.concurrent.ConcurrentHashMap<>();
    return number -> known.computeIfAbsent(number,
        n -> pullRequest(repository, n).getState() == org.kohsuke.github.GHIssueState.OPEN);
  }

  /** Every review, oldest first, with its state ({@code APPROVED}, {@code DISMISSED}, …). */
  public static List<Review> reviews(GHPullRequest pr) {
    List<Review> reviews = new ArrayList<>();
    try {
      for (GHPullRequestReview review : pr.listReviews().withPageSize(100)) {
        String login = review.getUser() == null ? "" : review.getUser().getLogin();
        reviews.add(new Review(login, review.getState() == null ? "" : review.getState().name()));
      }
    } catch (IOException | RuntimeException e) {
      throw GitHubException.of("reading the reviews of pull request #" + pr.getNumber(), io(e));
    }
    return reviews;
  }

  /**
   * The names of the statuses (latest per context) and check runs of {@code sha} that are failing
   * or not finished: what keeps a {@code blocked} or {@code unstable} pull request from merging.
   */
  public static List<String> unfinished(GHRepository repository, String sha) {
    List<String> names = new ArrayList<>();
    try {
      Set<String> seen = new HashSet<>();
      // GitHub lists a commit's statuses newest first: the first of each context is its state.
      for (GHCommitStatus status : repository.listCommitStatuses(sha).withPageSize(100)) {
        if (seen.add(status.getContext()) && status.getState() != null
            && !status.getState().name().equals("SUCCESS")) {
          names.add(status.getContext());
        }
      }
      for (GHCheckRun run : repository.getCheckRuns(sha).withPageSize(100)) {
        if (!finishedWell(run)) {
          names.add(run.getName());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw GitHubException.of("reading the statuses and checks of " + sha, io(e));
    }
    return names;
  }

  private static boolean finishedWell(GHCheckRun run) {
    if (run.getStatus() == null || !run.getStatus().name().equals("COMPLETED")) {
      return false;
    }
    String conclusion = run.getConclusion() == null ? "" : run.getConclusion().name().toLowerCase(Locale.ROOT);
    return conclusion.equals("success") || conclusion.equals("neutral") || conclusion.equals("skipped");
  }

  private static IOException io(Exception e) {
    if (e instanceof IOException io) {
      return io;
    }
    // github-api's page iterator wraps the failed call's IOException in a GHException
    if (e.getCause() instanceof IOException io) {
      return io;
    }
    throw (RuntimeException) e;
  }
}
