package dev.esm.store;

import java.nio.file.Path;

/** The store cannot open at start: a data directory that is not ESM's, corrupt, locked, or a database refusing. */
public final class StoreStartException extends StoreException {

  private final transient Path folder;

  public StoreStartException(String message, Path folder, Throwable cause) {
    super(message, cause);
    this.folder = folder;
  }

  /** The data directory at fault, or null for PostgreSQL. */
  public Path folder() {
    return folder;
  }
}
