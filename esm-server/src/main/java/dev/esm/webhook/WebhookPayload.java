package dev.esm.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The few fields of a GitHub delivery that the gates read. Parsed with Jackson on purpose:
 * github-api's payload objects fetch users lazily, one API call each.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookPayload(
    String action, Repository repository, Issue issue, Comment comment, Installation installation,
    @JsonProperty("pull_request") PullRequest pullRequest) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The payload; an {@link IOException} when the body is not a JSON object (e.g. {@code null}). */
  public static WebhookPayload parse(byte[] body) throws IOException {
    JsonNode tree = JSON.readTree(body);
    if (tree == null || !tree.isObject()) {
      throw new IOException("not a JSON object");
    }
    return JSON.treeToValue(tree, WebhookPayload.class);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Repository(
      @JsonProperty("full_name") String fullName,
      @JsonProperty("html_url") String htmlUrl,
      @JsonProperty("default_branch") String defaultBranch) {}

  /** An issue; a pull request when {@code pull_request} is present. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Issue(
      int number,
      @JsonProperty("html_url") String htmlUrl,
      @JsonProperty("pull_request") JsonNode pullRequest) {

    public boolean isPullRequest() {
      return pullRequest != null && !pullRequest.isNull();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Comment(long id, String body, User user, @JsonProperty("html_url") String htmlUrl) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record User(String login, String type) {

    public boolean isBot() {
      return "Bot".equalsIgnoreCase(type);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Installation(long id) {}

  /** The pull request of a {@code pull_request} delivery. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PullRequest(int number, String state, boolean merged, @JsonProperty("merge_commit_sha") String mergeCommitSha,
      Commit head, User user, @JsonProperty("merged_by") User mergedBy) {

    public String headSha() {
      return head == null ? null : head.sha();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Commit(String sha, String ref) {}

  public String repositoryName() {
    return repository == null ? null : repository.fullName();
  }

  public Long installationId() {
    return installation == null || installation.id() == 0 ? null : installation.id();
  }
}
