package dev.esm.store;

/** The store could not do what was asked: the database is unreachable or refused. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
