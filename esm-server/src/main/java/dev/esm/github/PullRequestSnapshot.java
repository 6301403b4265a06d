package dev.esm.github;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A pull request as read for one command: who asked, which commits, what changed, and both
 * versions of the repository's schemas on disk.
 *
 * <p>{@code baseRoot} and {@code headRoot} hold every {@code .avdl} file of the repository at
 * the base and head commit (paths as in the repository), plus {@code CODEOWNERS},
 * {@code .github/CODEOWNERS} and {@code docs/CODEOWNERS} where present. They are temporary and
 * deleted when the command is done.
 *
 * @param repository {@code owner/name}
 * @param number the pull request number
 * @param url the pull request's page
 * @param headSha the head commit
 * @param baseSha the base commit
 * @param defaultBranch the repository's default branch
 * @param repositoryUrl the repository's page, e.g. {@code https://github.com/acme/event-schemas}
 * @param commenter the login of who commented the command
 * @param baseRoot the base version's files
 * @param headRoot the head version's files
 * @param changedFiles the {@code .avdl} files under the configured schema paths that the pull
 *     request adds, modifies, removes or renames, in GitHub's order
 */
public record PullRequestSnapshot(
    String repository,
    int number,
    URI url,
    String headSha,
    String baseSha,
    String defaultBranch,
    URI repositoryUrl,
    String commenter,
    Path baseRoot,
    Path headRoot,
    List<ChangedFile> changedFiles) {

  public PullRequestSnapshot {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(baseRoot, "baseRoot");
    Objects.requireNonNull(headRoot, "headRoot");
    changedFiles = List.copyOf(changedFiles);
  }

  /** The file's page on GitHub at the head commit, e.g. for links in monitor messages. */
  public URI headFileUrl(String path) {
    return fileUrl(headSha, path);
  }

  public URI fileUrl(String sha, String path) {
    String base = repositoryUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/blob/" + sha + "/" + path);
  }
}
