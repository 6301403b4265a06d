package dev.esm.core.diagnostic;

/** How every broken limit is worded: {@code limits.max_files is 1000; got 1200 files}. */
public final class LimitMessage {

  private LimitMessage() {}

  /** @param key the key within {@code limits}, e.g. {@code max_files} */
  public static String of(String key, Object limit, Object value) {
    return "limits." + key + " is " + limit + "; got " + value;
  }
}
