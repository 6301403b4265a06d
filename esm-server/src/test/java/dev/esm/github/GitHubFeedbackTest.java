package dev.esm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.calls.CallCounter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one result comment of a command run again: found by the id it remembered, or by its key. */
class GitHubFeedbackTest {

  static final Pattern REGISTER = Pattern.compile("^<!-- esm:register( part \\d+)? -->\\s*$");
  static final String COMMENTS = "/repos/" + GitHubStub.REPO + "/issues/" + GitHubStub.PR + "/comments";

  GitHubStub github;

  @BeforeEach
  void start() {
    github = new GitHubStub();
    github.acceptWrites();
  }

  @AfterEach
  void stop() {
    github.close();
  }

  /** A command's memory: {@code rerun}, nothing remembered, keyed by its delivery. */
  static final class Memory implements CommentMemory {
    final boolean rerun;
    Long remembered;

    Memory(boolean rerun) {
      this.rerun = rerun;
    }

    @Override
    public Optional<Long> earlier() {
      return Optional.empty();
    }

    @Override
    public boolean rerun() {
      return rerun;
    }

    @Override
    public void remember(long commentId) {
      remembered = commentId;
    }

    @Override
    public Optional<String> key() {
      return Optional.of("delivery-1");
    }
  }

  private GitHubFeedback feedback(CommentMemory memory) throws IOException {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/dev/esm/webhook/payloads/issue_comment-created-register.json")) {
      body = in.readAllBytes();
    }
    return GitHubFeedback.forDelivery(GitHubClients.withToken(github.url(), "ghp_test", CallCounter.NONE).forInstallation(null),
        body, () -> GitHubStub.SELF).remembering(memory);
  }

  @Test
  void aResultCommentEndsWithTheCommandsKey() throws Exception {
    Memory memory = new Memory(false);
    feedback(memory).publish(List.of("<!-- esm:register -->\nRegistered."), REGISTER, false);

    assertThat(github.rawCommentBodies()).containsExactly("<!-- esm:register -->\nRegistered.\n<!-- esm:command delivery-1 -->");
    assertThat(github.commentBodies()).containsExactly("<!-- esm:register -->\nRegistered.");
    assertThat(memory.remembered).isEqualTo(9000L);
  }

  @Test
  void aRerunEditsTheCommentAnEarlierAttemptPostedButDidNotRemember() throws Exception {
    github.existingComments(GitHubStub.REPO, GitHubStub.PR, List.of(
        GitHubStub.comment(8001, GitHubStub.SELF, "<!-- esm:register -->\nAnother command's result.\n<!-- esm:command delivery-0 -->"),
        GitHubStub.comment(8002, GitHubStub.SELF, "<!-- esm:register -->\nHalf a result.\n<!-- esm:command delivery-1 -->")));
    Memory memory = new Memory(true);

    feedback(memory).publish(List.of("<!-- esm:register -->\nRegistered."), REGISTER, false);

    github.wireMock().verify(0, postRequestedFor(urlPathEqualTo(COMMENTS)));
    github.wireMock().verify(1, patchRequestedFor(urlPathEqualTo("/repos/" + GitHubStub.REPO + "/issues/comments/8002")));
    github.wireMock().verify(0, patchRequestedFor(urlPathEqualTo("/repos/" + GitHubStub.REPO + "/issues/comments/8001")));
    assertThat(memory.remembered).isEqualTo(8002L);
  }

  @Test
  void aRerunWhoseEarlierAttemptPostedNothingPostsItsComment() throws Exception {
    github.existingComments(GitHubStub.REPO, GitHubStub.PR, List.of(
        GitHubStub.comment(8001, GitHubStub.SELF, "<!-- esm:register -->\nAnother command's result.\n<!-- esm:command delivery-0 -->")));

    feedback(new Memory(true)).publish(List.of("<!-- esm:register -->\nRegistered."), REGISTER, false);

    github.wireMock().verify(1, postRequestedFor(urlPathEqualTo(COMMENTS)));
    github.wireMock().verify(0, patchRequestedFor(urlPathEqualTo("/repos/" + GitHubStub.REPO + "/issues/comments/8001")));
  }
}
