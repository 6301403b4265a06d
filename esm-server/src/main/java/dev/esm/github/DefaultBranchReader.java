package dev.esm.github;

import dev.esm.core.config.Limits;
import java.io.IOException;
import java.util.List;
import java.net.URI;
import java.nio.file.Path;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/**
 * Reads a repository's default branch for a drift check: the repository (for its default branch
 * and page) and one zipball of the branch, unpacked as for pull requests.
 */
public final class DefaultBranchReader {

  private final Path temporaryParent;
  private final Limits limits;
  private final List<String> sourceFolders;

  /** @param temporaryParent where to create the working folders; null for the system's temp folder */
  public DefaultBranchReader(Path temporaryParent) {
    this(temporaryParent, Limits.DEFAULT);
  }

  /** As above, the archive within {@code limits.max_archive_bytes}. */
  public DefaultBranchReader(Path temporaryParent, Limits limits) {
    this(temporaryParent, limits, List.of());
  }

  /** As above, {@link #read(GHRepository)} keeping the Java sources under {@code sourceFolders} ({@code coverage.sources}). */
  public DefaultBranchReader(Path temporaryParent, Limits limits, List<String> sourceFolders) {
    this.temporaryParent = temporaryParent;
    this.limits = limits;
    this.sourceFolders = List.copyOf(sourceFolders);
  }

  /** The repository as GitHub describes it (one call). */
  public static GHRepository repository(GitHub gitHub, String fullName) {
    try {
      return gitHub.getRepository(fullName);
    } catch (IOException e) {
      throw GitHubException.of("reading the repository " + fullName, e);
    }
  }

  /**
   * The default branch checked out in a temporary folder, with the Java sources of the folders
   * this reader was made with; close it to delete the folder.
   */
  public CheckedOutBranch read(GHRepository repository) {
    return read(repository, sourceFolders);
  }

  /**
   * As above, with the Java sources under {@code sourceFolders} too ({@code coverage.sources},
   * folders of the repository): what {@code esm coverage} reads to say where events are emitted.
   */
  public CheckedOutBranch read(GHRepository repository, List<String> sourceFolders) {
    String branch = repository.getDefaultBranch();
    Path workspace = PullRequestReader.createWorkspace(temporaryParent);
    Path root = workspace.resolve("branch");
    try {
      PullRequestReader.download(repository, branch, root, "default branch", limits, javaSourcesUnder(sourceFolders));
    } catch (RuntimeException e) {
      CheckedOutPullRequest.deleteTree(workspace);
      throw e;
    }
    URI page = repository.getHtmlUrl() == null ? null : URI.create(repository.getHtmlUrl().toString());
    return new CheckedOutBranch(repository.getFullName(), branch, page, root, workspace);
  }

  /** Accepts the {@code .java} files under one of the folders ("" or "." for the whole repository). */
  static java.util.function.Predicate<String> javaSourcesUnder(List<String> folders) {
    List<String> prefixes = folders.stream().map(f -> f.replace('\\', '/').replaceAll("^(\\./)+", "").replaceAll("/+$", ""))
        .map(f -> f.equals(".") || f.isEmpty() ? "" : f + "/").toList();
    return path -> path.endsWith(".java") && prefixes.stream().anyMatch(path::startsWith);
  }

  /**
   * A branch's files in a temporary folder.
   *
   * @param repository {@code owner/name}
   * @param branch the branch read
   * @param repositoryUrl the repository's page
   * @param root the branch's {@code .avdl} and CODEOWNERS files (and the Java sources asked for), paths as in the repository
   */
  public record CheckedOutBranch(String repository, String branch, URI repositoryUrl, Path root, Path workspace)
      implements AutoCloseable {

    @Override
    public void close() {
      CheckedOutPullRequest.deleteTree(workspace);
    }
  }
}
