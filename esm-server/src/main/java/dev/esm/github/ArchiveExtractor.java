package dev.esm.github;

import dev.esm.core.config.Limits;
import dev.esm.core.diagnostic.EsmException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a GitHub zipball into a folder: drops the archive's top folder
 * ({@code owner-repo-sha/}), keeps only the files ESM reads, and refuses entries that would land
 * outside the folder. Both the bytes downloaded and the bytes unpacked (of every entry, kept or
 * not) count against {@code limits.max_archive_bytes}: reading stops at the limit, so no more than
 * that is ever written to disk, however the archive is built (a zip bomb included).
 */
final class ArchiveExtractor {

  private ArchiveExtractor() {}

  /** Why an archive was not unpacked; carries the error to report. */
  static final class Refused extends IOException {
    private final EsmException reason;

    Refused(EsmException reason) {
      super(reason.getMessage());
      this.reason = reason;
    }

    EsmException reason() {
      return reason;
    }
  }

  static int extract(InputStream zipball, Path target) throws IOException {
    return extract(zipball, target, Limits.DEFAULT, "archive");
  }

  /** Returns how many files were written; {@code which} names the archive in errors ("the head commit's archive"). */
  static int extract(InputStream zipball, Path target, Limits limits, String which) throws IOException {
    return extract(zipball, target, limits, which, path -> false);
  }

  /** As above, keeping also the files whose path {@code alsoKept} accepts (e.g. the Java sources of {@code coverage.sources}). */
  static int extract(InputStream zipball, Path target, Limits limits, String which, Predicate<String> alsoKept)
      throws IOException {
    long max = limits.maxArchiveBytes();
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    int written = 0;
    long unpacked = 0;
    byte[] buffer = new byte[8192];
    try (ZipInputStream zip = new ZipInputStream(new Bounded(zipball, max, limits, which))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String path = keptPath(entry, alsoKept);
        OutputStream out = null;
        if (path != null) {
          Path file = root.resolve(path).normalize();
          if (!file.startsWith(root) || file.equals(root)) {
            throw new Refused(new EsmException(EsmException.Kind.INVALID_INPUT, "ESM refused " + which + ": its entry "
                + quoted(entry.getName()) + " would land outside the checkout."));
          }
          Files.createDirectories(file.getParent());
          out = Files.newOutputStream(file);
          written++;
        }
        try (OutputStream sink = out) {
          int n;
          while ((n = zip.read(buffer, 0, (int) Math.min(buffer.length, max - unpacked + 1))) > 0) {
            unpacked += n;
            if (unpacked > max) {
              throw new Refused(limits.exceeded("max_archive_bytes", "more than " + max + " bytes unpacked from " + which));
            }
            if (sink != null) {
              sink.write(buffer, 0, n);
            }
          }
        }
      }
    }
    return written;
  }

  /** The entry's path below the top folder when ESM keeps it, else null. */
  private static String keptPath(ZipEntry entry, Predicate<String> alsoKept) {
    if (entry.isDirectory()) {
      return null;
    }
    String name = entry.getName().replace('\\', '/');
    int slash = name.indexOf('/');
    if (slash < 0) {
      return null; // GitHub puts every file under one top folder
    }
    String path = name.substring(slash + 1);
    return path.isEmpty() || !(SchemaPaths.isKept(path) || alsoKept.test(path)) ? null : path;
  }

  /** An entry name as shown in an error: quoted, printable, at most 100 characters. */
  static String quoted(String name) {
    String clipped = name.length() > 100 ? name.substring(0, 100) + "…" : name;
    return "\"" + clipped.replaceAll("[^\\x20-\\x7e…]", "?").replace("\"", "'") + "\"";
  }

  /** The download itself, refused once it goes past the limit. */
  private static final class Bounded extends FilterInputStream {
    private final long max;
    private final Limits limits;
    private final String which;
    private long read;

    Bounded(InputStream in, long max, Limits limits, String which) {
      super(in);
      this.max = max;
      this.limits = limits;
      this.which = which;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, (int) Math.min(len, max - read + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, max - read + 1));
      count(skipped);
      return skipped;
    }

    private void count(long n) throws Refused {
      read += n;
      if (read > max) {
        throw new Refused(limits.exceeded("max_archive_bytes", "more than " + max + " bytes downloaded for " + which));
      }
    }
  }

  /** The refusal in {@code e}'s causes, if any (github-api wraps what the stream function throws). */
  static EsmException refusalIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Refused refused) {
        return refused.reason();
      }
    }
    return null;
  }
}
