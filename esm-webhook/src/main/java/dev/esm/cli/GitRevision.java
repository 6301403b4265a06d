package dev.esm.cli;

import dev.esm.core.diagnostic.EsmException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The schema files of a git repository as they are at one commit, written into a folder: the
 * {@code .avdl}, {@code .avsc} and {@code .avpr} files of the whole tree, so that imports resolve
 * at that commit too. Read with the {@code git} command: one {@code ls-tree}, then one
 * {@code cat-file --batch} for every blob. Symbolic links are not followed.
 */
final class GitRevision {

  private static final List<String> SCHEMA_EXTENSIONS = List.of(".avdl", ".avsc", ".avpr");

  private GitRevision() {}

  /** The top folder of the repository that holds {@code start}. */
  static Path repositoryRoot(Path start) {
    String top;
    try {
      top = run(start, null, "git", "rev-parse", "--show-toplevel").strip();
    } catch (EsmException e) {
      top = "";
    }
    if (top.isEmpty()) {
      throw new EsmException(EsmException.Kind.USAGE, "not inside a git repository: " + start);
    }
    return Path.of(top).toAbsolutePath().normalize();
  }

  /** The commit {@code ref} names; a usage error when it names none. */
  static String commit(Path root, String ref) {
    if (ref.startsWith("-")) {
      throw new EsmException(EsmException.Kind.USAGE, "--base " + ref + " is not a commit");
    }
    String sha;
    try {
      sha = run(root, null, "git", "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}").strip();
    } catch (EsmException e) {
      sha = "";
    }
    if (sha.isEmpty()) {
      throw new EsmException(EsmException.Kind.USAGE, "--base " + ref + " is not a commit of " + root);
    }
    return sha;
  }

  /** Writes the schema files of {@code commit} under {@code target}, at their paths in the repository. */
  static int materialise(Path root, String commit, Path target) {
    String listing = run(root, null, "git", "ls-tree", "-r", "-z", "--full-tree", commit);
    List<String> blobs = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String entry : listing.split("\0")) {
      int tab = entry.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String[] meta = entry.substring(0, tab).split(" ");
      String path = entry.substring(tab + 1);
      boolean regularFile = meta.length == 3 && meta[1].equals("blob") && meta[0].startsWith("100");
      if (regularFile && isSchema(path)) {
        blobs.add(meta[2]);
        paths.add(path);
      }
    }
    if (blobs.isEmpty()) {
      return 0;
    }
    byte[] requests = (String.join("\n", blobs) + "\n").getBytes(StandardCharsets.US_ASCII);
    Path base = target.toAbsolutePath().normalize();
    exec(root, requests, out -> {
      InputStream in = new BufferedInputStream(out);
      for (String path : paths) {
        String header = readLine(in);
        String[] parts = header.split(" ");
        if (parts.length != 3 || !parts[1].equals("blob")) {
          throw new IOException("unexpected answer from git cat-file: " + header);
        }
        byte[] content = in.readNBytes(Integer.parseInt(parts[2]));
        in.read(); // the newline after each blob
        Path file = base.resolve(path).normalize();
        if (!file.startsWith(base)) {
          continue;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, content);
      }
      return null;
    }, "git", "cat-file", "--batch");
    return paths.size();
  }

  private static boolean isSchema(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return SCHEMA_EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("git cat-file ended early");
      }
      line.write(c);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(InputStream out) throws IOException;
  }

  private static String run(Path dir, byte[] input, String... command) {
    return exec(dir, input, out -> new String(out.readAllBytes(), StandardCharsets.UTF_8), command);
  }

  private static <T> T exec(Path dir, byte[] input, Reader<T> reader, String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new EsmException(EsmException.Kind.USAGE, "cannot run git: " + e.getMessage());
    }
    try {
      Thread feeder = new Thread(() -> {
        try (OutputStream stdin = process.getOutputStream()) {
          if (input != null) {
            stdin.write(input);
          }
        } catch (IOException ignored) {
          // git stopped reading: its exit status says why.
        }
      }, "esm-git-input");
      feeder.setDaemon(true);
      feeder.start();
      T result = reader.read(process.getInputStream());
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new EsmException(EsmException.Kind.USAGE, String.join(" ", command) + " failed in " + dir);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EsmException(EsmException.Kind.USAGE, "interrupted while running git");
    } finally {
      process.destroy();
    }
  }
}
