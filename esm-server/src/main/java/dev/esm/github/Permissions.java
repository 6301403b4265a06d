package dev.esm.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;

/** Asks GitHub what a user may do on a repository (never trusts the payload's author_association). */
public final class Permissions {

  private static final Set<String> WRITERS = Set.of("admin", "maintain", "write");

  private Permissions() {}

  /** True for write, maintain or admin on {@code repository} ({@code owner/name}). */
  public static boolean canWrite(GitHubClients gitHub, Long installationId, String repository, String login) {
    try {
      return canWrite(gitHub.getJson(installationId, "/repos/" + repository + "/collaborators/" + login + "/permission"));
    } catch (IOException e) {
      throw GitHubException.of("checking the permission of @" + login + " on " + repository, e);
    }
  }

  /**
   * Reads GitHub's answer to {@code GET /repos/{repo}/collaborators/{login}/permission}; null (404)
   * is not a collaborator. {@code permission} is admin, write, read or none, but GitHub has also
   * been seen to answer {@code maintain} there (which github-api turns into UNKNOWN); then
   * {@code role_name} and the {@code user.permissions} flags decide.
   */
  static boolean canWrite(JsonNode answer) {
    if (answer == null) {
      return false;
    }
    String permission = answer.path("permission").asText("");
    if (WRITERS.contains(permission)) {
      return true;
    }
    if (permission.equals("read") || permission.equals("none")) {
      return false;
    }
    if (WRITERS.contains(answer.path("role_name").asText(""))) {
      return true;
    }
    JsonNode flags = answer.path("user").path("permissions");
    return flags.path("admin").asBoolean(false) || flags.path("maintain").asBoolean(false)
        || flags.path("push").asBoolean(false);
  }
}
