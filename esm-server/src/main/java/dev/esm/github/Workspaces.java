package dev.esm.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary folders pull requests are checked out in: {@code esm-pr-<pid>-<start>-…}, named
 * after the process that made them, so that at start a service can delete those left by a
 * process that is gone (a kill, an out-of-memory exit) and leave those of a live one alone.
 */
final class Workspaces {

  private static final String PREFIX = "esm-pr-";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-.*");

  private Workspaces() {}

  static Path create(Path parent) {
    try {
      Path where = parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : Files.createDirectories(parent);
      return Files.createTempDirectory(where, PREFIX + owner(ProcessHandle.current()) + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary folder", e);
    }
  }

  /** Deletes the workspaces under {@code parent} whose process is gone; returns how many. */
  static int deleteAbandoned(Path parent) {
    Path where = parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : parent;
    if (!Files.isDirectory(where)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(where, PREFIX + "*")) {
      for (Path entry : entries) {
        Matcher m = NAME.matcher(entry.getFileName().toString());
        if (m.matches() && !alive(Long.parseLong(m.group(1)), m.group(2)) && Files.isDirectory(entry)) {
          CheckedOutPullRequest.deleteTree(entry);
          deleted++;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a folder that cannot be listed or deleted is left for the next start.
    }
    return deleted;
  }

  private static boolean alive(long pid, String start) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> owner(p).equals(pid + "-" + start)).orElse(false);
  }

  /** {@code <pid>-<start in ms>}: a PID alone is reused (in a container, every start is PID 1). */
  private static String owner(ProcessHandle process) {
    long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return process.pid() + "-" + started;
  }
}
