package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.golden.Golden;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code esm register} before it writes: closed pull requests, {@code register.on: merge} and
 * {@code register.requires}; the real service, GitHub stood in by WireMock, the engine recording.
 */
class RegisterGatesTest {

  GitHubStub github = new GitHubStub();
  RecordingEngine engine = new RecordingEngine();
  List<Duration> waits = new ArrayList<>();
  WebhookServer server;

  private void start(String on, List<String> requires) {
    WebhookMetrics metrics = new WebhookMetrics();
    ServiceConfiguration configuration = new ServiceConfiguration(
        0, WebhookServerTest.SECRET, List.of(GitHubStub.REPO), List.of("schemas"), 0, 2, Duration.ofSeconds(10));
    Requirements requirements = new Requirements(Duration.ofSeconds(30), Duration.ofSeconds(2), waits::add);
    PullRequestRules rules = new PullRequestRules(true, new EsmConfig.Register(on, requires, null, null), requirements);
    server = WebhookServer.create(configuration, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()),
        engine, metrics, new ResultCommentRenderer(), rules).start();
    github.acceptWrites().failEverythingElse();
    github.permission("alice", "write");
    github.files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(GitHubStub.BASE, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V1))
        .zipball(GitHubStub.HEAD, Map.of("schemas/cart.avdl", RegistrationEndToEndTest.CART_V2));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    github.close();
  }

  private void register() throws Exception {
    Deliveries.deliverAndWait(server, "issue_comment", "issue_comment-created-register");
  }

  private String onlyComment() {
    assertThat(github.commentBodies()).hasSize(1);
    return github.commentBodies().get(0);
  }

  private long pullRequestReads() {
    return github.calls().stream().filter(c -> c.equals("GET /repos/" + GitHubStub.REPO + "/pulls/" + GitHubStub.PR)).count();
  }

  @Test
  void aMergedPullRequestIsNotRegistered() throws Exception {
    start("comment", List.of());
    github.pullRequest(pr -> pr.put("state", "closed").put("merged", true));

    register();

    Golden.assertMatches(getClass(), "closed-merged.md", onlyComment());
    assertThat(engine.calls).isEmpty();
    assertThat(github.statuses()).isEmpty();
    assertThat(github.reactions()).containsExactly("eyes", "confused");
  }

  @Test
  void aPullRequestClosedUnmergedIsNotRegistered() throws Exception {
    start("both", List.of("approved"));
    github.pullRequest(pr -> pr.put("state", "closed").put("merged", false));

    register();

    Golden.assertMatches(getClass(), "closed-unmerged.md", onlyComment());
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void onMergeAnswersThatRegistrationHappensOnMerge() throws Exception {
    start("merge", List.of());
    github.pullRequest();

    register();

    Golden.assertMatches(getClass(), "on-merge.md", onlyComment());
    assertThat(engine.calls).isEmpty();
    assertThat(github.statuses()).isEmpty();
  }

  @Test
  void anOutstandingChangeRequestStopsRegister() throws Exception {
    start("comment", List.of("approved", "mergeable"));
    github.pullRequest(pr -> pr.put("mergeable_state", "dirty").put("mergeable", false));
    github.reviews(List.<String[]>of(new String[] {"bob", "APPROVED"}, new String[] {"carol", "CHANGES_REQUESTED"},
        new String[] {"carol", "COMMENTED"}));

    register();

    Golden.assertMatches(getClass(), "unmet-both.md", onlyComment());
    assertThat(engine.calls).isEmpty();
    assertThat(github.statuses()).containsExactly("esm/register failure: Not registered: unmet approved, mergeable");
    assertThat(github.reactions()).containsExactly("eyes", "confused");
  }

  @Test
  void aDismissedChangeRequestNoLongerStopsRegister() throws Exception {
    start("comment", List.of("approved"));
    github.pullRequest();
    github.reviews(List.<String[]>of(new String[] {"carol", "CHANGES_REQUESTED"}, new String[] {"bob", "APPROVED"},
        new String[] {"carol", "DISMISSED"}));

    register();

    assertThat(engine.calls).extracting(RecordingEngine.Call::command).containsExactly("register");
    assertThat(github.statuses()).last().asString().startsWith("esm/register success");
  }

  @Test
  void blockedOnlyByEsmsOwnChecksCountsAsMergeable() throws Exception {
    start("comment", List.of("mergeable"));
    github.pullRequest(pr -> pr.put("mergeable_state", "blocked"));
    github.headChecks(
        List.<String[]>of(new String[] {"esm/register", "failure"}, new String[] {"ci/build", "success"},
            new String[] {"ci/build", "pending"}),
        List.<String[]>of(new String[] {"esm plan", "completed", "failure"}, new String[] {"lint", "completed", "success"}));

    register();

    assertThat(engine.calls).extracting(RecordingEngine.Call::command).containsExactly("register");
  }

  @Test
  void blockedByAnotherPendingCheckIsNotMergeable() throws Exception {
    start("comment", List.of("mergeable"));
    github.pullRequest(pr -> pr.put("mergeable_state", "blocked"));
    github.headChecks(List.<String[]>of(new String[] {"esm/register", "failure"}),
        List.<String[]>of(new String[] {"lint", "in_progress"}));

    register();

    Golden.assertMatches(getClass(), "unmet-mergeable.md", onlyComment());
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void mergeableNullIsAskedAgainThenDecided() throws Exception {
    start("comment", List.of("mergeable"));
    github.pullRequestComputingMergeable(3, pr -> { });

    register();

    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(engine.calls).extracting(RecordingEngine.Call::command).containsExactly("register");
  }

  @Test
  void mergeableStillNullAfterThirtySecondsIsUnmet() throws Exception {
    start("comment", List.of("mergeable"));
    github.pullRequestComputingMergeable(100, pr -> { });

    register();

    assertThat(waits).hasSize(15);
    assertThat(pullRequestReads()).as("the first read, then one more, then one per wait").isEqualTo(17);
    assertThat(onlyComment()).contains("- `mergeable`:");
    assertThat(engine.calls).isEmpty();
  }
}
