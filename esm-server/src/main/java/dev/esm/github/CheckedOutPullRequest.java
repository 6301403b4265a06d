package dev.esm.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A {@link PullRequestSnapshot} whose files live in a temporary folder, deleted on {@link #close()}. */
public final class CheckedOutPullRequest implements AutoCloseable {

  private final PullRequestSnapshot snapshot;
  private final Path workspace;

  CheckedOutPullRequest(PullRequestSnapshot snapshot, Path workspace) {
    this.snapshot = snapshot;
    this.workspace = workspace;
  }

  public PullRequestSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public void close() {
    deleteTree(workspace);
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
