package dev.esm.github;

import java.io.IOException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHRepository;

/** Asks GitHub what a user may do on a repository (never trusts the payload's author_association). */
public final class Permissions {

  private Permissions() {}

  /**
   * True for write, maintain or admin. GitHub's collaborator permission endpoint reports maintain
   * as {@code write} and triage as {@code read} in its {@code permission} field.
   */
  public static boolean canWrite(GHRepository repository, String login) {
    try {
      GHPermissionType permission = repository.getPermission(login);
      return permission == GHPermissionType.WRITE || permission == GHPermissionType.ADMIN;
    } catch (GHFileNotFoundException e) {
      return false; // not a collaborator
    } catch (IOException e) {
      throw GitHubException.of("checking the permission of @" + login + " on " + repository.getFullName(), e);
    }
  }
}
