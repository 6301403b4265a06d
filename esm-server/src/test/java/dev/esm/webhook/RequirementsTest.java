package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.github.PullRequestChecks.Review;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementsTest {

  private static Review review(String reviewer, String state) {
    return new Review(reviewer, state);
  }

  @Test
  void anApprovalWithNoChangeRequestIsApproved() {
    assertThat(Requirements.approved(List.of(review("bob", "APPROVED")))).isTrue();
    assertThat(Requirements.approved(List.of())).isFalse();
  }

  @Test
  void commentedReviewsDoNotCountEitherWay() {
    assertThat(Requirements.approved(List.of(review("bob", "COMMENTED")))).isFalse();
    assertThat(Requirements.approved(List.of(review("bob", "APPROVED"), review("bob", "COMMENTED")))).isTrue();
    assertThat(Requirements.approved(List.of(review("carol", "CHANGES_REQUESTED"), review("carol", "COMMENTED"),
        review("bob", "APPROVED")))).isFalse();
  }

  @Test
  void theLatestDecidingReviewOfEachReviewerCounts() {
    assertThat(Requirements.approved(List.of(review("carol", "CHANGES_REQUESTED"), review("carol", "APPROVED")))).isTrue();
    assertThat(Requirements.approved(List.of(review("carol", "APPROVED"), review("carol", "CHANGES_REQUESTED")))).isFalse();
    assertThat(Requirements.approved(List.of(review("bob", "APPROVED"), review("carol", "CHANGES_REQUESTED")))).isFalse();
  }

  @Test
  void aDismissedReviewCancelsThatReviewersEarlierOne() {
    assertThat(Requirements.approved(List.of(review("bob", "APPROVED"), review("carol", "CHANGES_REQUESTED"),
        review("carol", "DISMISSED")))).isTrue();
    assertThat(Requirements.approved(List.of(review("bob", "APPROVED"), review("bob", "DISMISSED")))).isFalse();
    // a dismissal cancels only the same reviewer's review
    assertThat(Requirements.approved(List.of(review("bob", "APPROVED"), review("carol", "DISMISSED")))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "true, clean, '', true",
      "true, has_hooks, '', true",
      "false, clean, '', false",
      "true, dirty, '', false",
      "true, behind, '', false",
      "true, draft, '', false",
      "true, blocked, esm/register, true",
      "true, blocked, esm/plan|esm plan, true",
      "true, blocked, esm/plan|ci/build, false",
      "true, unstable, esm plan, true",
      "true, unstable, lint, false",
      "true, blocked, '', true",
  })
  void mergeableFollowsGitHubButNeverWaitsOnEsmItself(boolean mergeable, String state, String unfinished, boolean met) {
    List<String> names = unfinished.isEmpty() ? List.of() : List.of(unfinished.split("\\|"));
    assertThat(Requirements.mergeable(mergeable, state, names)).isEqualTo(met);
  }

  @Test
  void anUnknownMergeabilityIsNotMet() {
    assertThat(Requirements.mergeable(null, "unknown", List.of())).isFalse();
  }
}
