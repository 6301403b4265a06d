package dev.esm.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a GitHub zipball into a folder: drops the archive's top folder
 * ({@code owner-repo-sha/}), keeps only the files ESM reads, and refuses entries that would land
 * outside the folder.
 */
final class ArchiveExtractor {

  private ArchiveExtractor() {}

  /** Returns how many files were written. */
  static int extract(InputStream zipball, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    int written = 0;
    try (ZipInputStream zip = new ZipInputStream(zipball)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName().replace('\\', '/');
        int slash = name.indexOf('/');
        if (slash < 0) {
          continue; // GitHub puts every file under one top folder
        }
        String path = name.substring(slash + 1);
        if (path.isEmpty() || !SchemaPaths.isKept(path)) {
          continue;
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
          throw new IOException("the archive holds an entry outside its folder: " + name);
        }
        Files.createDirectories(file.getParent());
        Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
        written++;
      }
    }
    return written;
  }
}
