package dev.esm.core.files;

import dev.esm.core.diagnostic.LimitMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The only way ESM reads a file of a repository (a pull request's checkout, or the CLI's
 * repository): the file must lie inside the root, be reached through no symbolic link, be a
 * regular file (not a folder, device, pipe or socket), hold at most {@code maxFileBytes} bytes and
 * be UTF-8 text. Everything is checked before the file is opened, and the file is read with no
 * link followed, never beyond the limit.
 */
public final class RepositoryFiles {

  private final Path root;
  private final long maxFileBytes;

  /** @param root the repository's top folder; nothing outside it is ever read */
  public RepositoryFiles(Path root, long maxFileBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxFileBytes = maxFileBytes;
  }

  public Path root() {
    return root;
  }

  public long maxFileBytes() {
    return maxFileBytes;
  }

  /**
   * The file an import names, relative to the folder of {@code importingFile}, once checked:
   * inside the root, no link on the way, a regular file within the size limit.
   */
  public Path resolveImport(Path importingFile, String location) {
    if (location.isEmpty() || location.startsWith("/") || location.startsWith("\\") || hasScheme(location)) {
      throw new RefusedFileException(RefusedFileException.Reason.OUTSIDE);
    }
    Path target;
    try {
      target = importingFile.toAbsolutePath().normalize().resolveSibling(location).normalize();
    } catch (InvalidPathException e) {
      throw new RefusedFileException(RefusedFileException.Reason.NOT_A_PATH);
    }
    check(target);
    return target;
  }

  /** Checks {@code file} as {@link #resolveImport} does, then reads it. */
  public String read(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    check(absolute);
    return readChecked(absolute);
  }

  private void check(Path target) {
    if (!target.startsWith(root) || target.equals(root)) {
      throw new RefusedFileException(target.equals(root) ? RefusedFileException.Reason.FOLDER : RefusedFileException.Reason.OUTSIDE);
    }
    Path step = root;
    for (Path part : root.relativize(target)) {
      step = step.resolve(part);
      if (Files.isSymbolicLink(step)) {
        throw new RefusedFileException(RefusedFileException.Reason.SYMBOLIC_LINK);
      }
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new RefusedFileException(RefusedFileException.Reason.MISSING);
    } catch (IOException e) {
      throw new RefusedFileException(RefusedFileException.Reason.UNREADABLE);
    }
    if (attributes.isDirectory()) {
      throw new RefusedFileException(RefusedFileException.Reason.FOLDER);
    }
    if (attributes.isSymbolicLink()) {
      throw new RefusedFileException(RefusedFileException.Reason.SYMBOLIC_LINK);
    }
    if (!attributes.isRegularFile()) {
      throw new RefusedFileException(RefusedFileException.Reason.SPECIAL);
    }
    if (attributes.size() > maxFileBytes) {
      throw tooLarge(attributes.size());
    }
  }

  private String readChecked(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
    } catch (IOException e) {
      throw new RefusedFileException(RefusedFileException.Reason.UNREADABLE);
    }
    if (bytes.length > maxFileBytes) {
      throw tooLarge(bytes.length);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RefusedFileException(RefusedFileException.Reason.NOT_UTF8);
    }
  }

  private RefusedFileException tooLarge(long size) {
    return new RefusedFileException(RefusedFileException.Reason.TOO_LARGE,
        LimitMessage.of("max_file_bytes", maxFileBytes, size + " bytes"));
  }

  /** {@code http:…}, {@code file:…}, {@code classpath:…}: a URI, which Avro would open as one. */
  private static boolean hasScheme(String location) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }
}
