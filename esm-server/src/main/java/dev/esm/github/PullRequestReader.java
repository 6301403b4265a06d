package dev.esm.github;

import dev.esm.core.config.Limits;
import dev.esm.core.diagnostic.EsmException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHRepository;

/**
 * Reads what a command needs from a pull request, in a number of GitHub calls that does not
 * grow with the number of changed schemas: the pull request (head and base commits), its file
 * list (100 a page), and one zipball per commit; the list and both zipballs are read at the same
 * time.
 */
public final class PullRequestReader {

  /** GitHub lists at most this many files of a pull request. */
  static final int GITHUB_FILE_LIST_LIMIT = 3000;

  private final SchemaPaths schemaPaths;
  private final Path temporaryParent;
  private final Limits limits;
  private final java.util.function.Predicate<String> alsoKept;
  private final Executor downloads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "esm-archive-download");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param schemaPaths the folders whose changed {@code .avdl} files are in scope
   * @param temporaryParent where to create the working folders; null for the system's temp folder
   */
  public PullRequestReader(SchemaPaths schemaPaths, Path temporaryParent) {
    this(schemaPaths, temporaryParent, Limits.DEFAULT);
  }

  /** As above, within {@code limits.max_archive_bytes} per archive and {@code limits.max_files} changed schemas. */
  public PullRequestReader(SchemaPaths schemaPaths, Path temporaryParent, Limits limits) {
    this(schemaPaths, temporaryParent, limits, List.of());
  }

  /**
   * As above, keeping also the Java sources under {@code sourceFolders} ({@code coverage.sources})
   * in both checkouts, so that the schemas render with the "Emitted at" line {@code esm apply}
   * writes from a clone.
   */
  public PullRequestReader(SchemaPaths schemaPaths, Path temporaryParent, Limits limits, List<String> sourceFolders) {
    this.schemaPaths = schemaPaths;
    this.temporaryParent = temporaryParent;
    this.limits = limits;
    this.alsoKept = DefaultBranchReader.javaSourcesUnder(sourceFolders);
  }

  /** Deletes the working folders a process that is gone left behind (a kill); returns how many. */
  public int deleteAbandonedWorkspaces() {
    return Workspaces.deleteAbandoned(temporaryParent);
  }

  /** The pull request checked out in two temporary folders; close it to delete them. */
  public CheckedOutPullRequest read(GHRepository repository, int number, String commenter) {
    return read(repository, number, commenter, sha -> {});
  }

  /** As above; {@code onHead} learns the head commit as soon as it is known, before anything is downloaded. */
  public CheckedOutPullRequest read(GHRepository repository, int number, String commenter,
      java.util.function.Consumer<String> onHead) {
    GHPullRequest pr = PullRequestChecks.pullRequest(repository, number);
    onHead.accept(pr.getHead().getSha());
    return read(repository, pr, commenter, pr.getHead().getSha());
  }

  /** As above, for a pull request already read (no second call for it). */
  public CheckedOutPullRequest read(GHRepository repository, GHPullRequest pr, String commenter) {
    return read(repository, pr, commenter, pr.getHead().getSha());
  }

  /**
   * As above, with the pull request's changed files as they are at {@code headSha}, e.g. its
   * merge commit.
   */
  public CheckedOutPullRequest read(GHRepository repository, GHPullRequest pr, String commenter, String headSha) {
    return checkout(repository, pr, commenter, headSha, null);
  }

  /**
   * As {@link #read(GHRepository, GHPullRequest, String, String)}, but the changed files are
   * listed first and nothing is downloaded when none is a schema under the paths: then null.
   * For work that runs on every push of every pull request (autoplan, restore on close), where
   * most pull requests may change no schema.
   */
  public CheckedOutPullRequest readChangingSchemas(GHRepository repository, GHPullRequest pr, String commenter,
      String headSha) {
    List<ChangedFile> changed = changedSchemas(pr, repository.getFullName());
    return changed.isEmpty() ? null : checkout(repository, pr, commenter, headSha, changed);
  }

  /** As above, at the pull request's head. */
  public CheckedOutPullRequest readChangingSchemas(GHRepository repository, GHPullRequest pr, String commenter) {
    return readChangingSchemas(repository, pr, commenter, pr.getHead().getSha());
  }

  /** @param listed the changed schemas when already listed; null to list them while the archives download */
  private CheckedOutPullRequest checkout(GHRepository repository, GHPullRequest pr, String commenter, String headSha,
      List<ChangedFile> listed) {
    String name = repository.getFullName();
    int number = pr.getNumber();
    String baseSha = pr.getBase().getSha();

    Path workspace = createWorkspace();
    Path base = workspace.resolve("base");
    Path head = workspace.resolve("head");
    // The two archives download while the file list is read: three calls' time becomes one's.
    CompletableFuture<Void> baseFiles = CompletableFuture.runAsync(() -> download(repository, baseSha, base, "base", limits, alsoKept), downloads);
    CompletableFuture<Void> headFiles = CompletableFuture.runAsync(() -> download(repository, headSha, head, "head", limits, alsoKept), downloads);
    boolean done = false;
    try {
      List<ChangedFile> changed = listed != null ? listed : changedSchemas(pr, name);
      join(baseFiles);
      join(headFiles);
      PullRequestSnapshot snapshot = new PullRequestSnapshot(
          name,
          number,
          uri(pr.getHtmlUrl()),
          headSha,
          baseSha,
          repository.getDefaultBranch(),
          uri(repository.getHtmlUrl()),
          commenter,
          base,
          head,
          changed);
      done = true;
      return new CheckedOutPullRequest(snapshot, workspace);
    } finally {
      if (!done) {
        // let both downloads stop writing before deleting what they wrote
        CompletableFuture.allOf(baseFiles, headFiles).exceptionally(e -> null).join();
        CheckedOutPullRequest.deleteTree(workspace);
      }
    }
  }

  private static void join(CompletableFuture<Void> download) {
    try {
      download.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private List<ChangedFile> changedSchemas(GHPullRequest pr, String name) {
    List<ChangedFile> changed = new ArrayList<>();
    int listed = 0;
    try {
      for (GHPullRequestFileDetail file : pr.listFiles().withPageSize(100)) {
        listed++;
        ChangedFile.Status status = ChangedFile.Status.fromGitHub(file.getStatus());
        String previous = file.getPreviousFilename();
        if (schemaPaths.isSchema(file.getFilename())
            || (status == ChangedFile.Status.RENAMED && schemaPaths.isSchema(previous))) {
          changed.add(new ChangedFile(status, file.getFilename(), previous));
        }
      }
    } catch (RuntimeException e) {
      // github-api's page iterator wraps the failed call's IOException in a GHException
      if (e.getCause() instanceof IOException io) {
        throw GitHubException.of("listing the files of pull request #" + pr.getNumber() + " of " + name, io);
      }
      throw e;
    }
    if (listed >= GITHUB_FILE_LIST_LIMIT) {
      throw new GitHubException(
          "Pull request #" + pr.getNumber() + " changes " + listed + " files or more; GitHub lists at most "
              + GITHUB_FILE_LIST_LIMIT + ", so ESM cannot tell which schemas it changes. Split it into smaller pull requests.",
          0, null);
    }
    if (changed.size() > limits.maxFiles()) {
      throw limits.exceeded("max_files", "pull request #" + pr.getNumber() + " changes " + changed.size() + " .avdl files");
    }
    return changed;
  }

  /** One commit's archive into {@code target}, within the default limits. */
  static void download(GHRepository repository, String sha, Path target, String which) {
    download(repository, sha, target, which, Limits.DEFAULT);
  }

  static void download(GHRepository repository, String sha, Path target, String which, Limits limits) {
    download(repository, sha, target, which, limits, path -> false);
  }

  /** As above, keeping also the files whose path {@code alsoKept} accepts. */
  static void download(GHRepository repository, String sha, Path target, String which, Limits limits,
      java.util.function.Predicate<String> alsoKept) {
    try {
      repository.readZip(in -> ArchiveExtractor.extract(in, target, limits, "the archive of the " + which + " commit",
          alsoKept), sha);
    } catch (IOException e) {
      EsmException refused = ArchiveExtractor.refusalIn(e);
      if (refused != null) {
        throw refused;
      }
      throw GitHubException.of("downloading the " + which + " commit " + sha + " of " + repository.getFullName(), e);
    }
  }

  private Path createWorkspace() {
    return Workspaces.create(temporaryParent);
  }

  static Path createWorkspace(Path temporaryParent) {
    return Workspaces.create(temporaryParent);
  }

  private static URI uri(URL url) {
    try {
      return url == null ? null : url.toURI();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
