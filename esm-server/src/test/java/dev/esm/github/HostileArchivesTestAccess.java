package dev.esm.github;

/** The hostile archives of {@link HostileArchivesTest}, for the service's end-to-end tests. */
public final class HostileArchivesTestAccess {

  private HostileArchivesTestAccess() {}

  public static byte[] zipBomb(int files, int size) {
    return HostileArchivesTest.zipBomb(files, size);
  }

  public static byte[] withSymlink(byte[] zip, String name) {
    return HostileArchivesTest.withSymlink(zip, name);
  }
}
