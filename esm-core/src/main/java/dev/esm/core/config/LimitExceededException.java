package dev.esm.core.config;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.diagnostic.LimitMessage;

/**
 * A command went beyond one of the {@link Limits}: names the key ({@code limits.max_files}),
 * its configured value and what broke it. A user's (or a pull request's) problem, not ESM's.
 */
public final class LimitExceededException extends EsmException {

  private final String key;
  private final Object limit;
  private final Object value;

  public LimitExceededException(String key, Object limit, Object value) {
    super(Kind.INVALID_INPUT, message(key, limit, value));
    this.key = key;
    this.limit = limit;
    this.value = value;
  }

  /** The words front ends print: {@code limits.max_files is 1000; this pull request changes 1200 files}. */
  public static String message(String key, Object limit, Object value) {
    return LimitMessage.of(key, limit, value);
  }

  /** The key within {@code limits}, e.g. {@code max_files}. */
  public String key() {
    return key;
  }

  public Object limit() {
    return limit;
  }

  public Object value() {
    return value;
  }
}
