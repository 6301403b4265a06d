package dev.esm.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the service keeps its work: PostgreSQL when {@code url} is set, else an embedded
 * database in {@code dataDir}.
 */
public record StoreSettings(String url, String user, String password, Path dataDir) {

  public static final String DEFAULT_DATA_DIR = "./esm-data";

  /** From {@code ESM_DATABASE_URL}, {@code ESM_DATABASE_USER}, {@code ESM_DATABASE_PASSWORD}, {@code ESM_DATA_DIR}. */
  public static StoreSettings fromEnvironment(Map<String, String> env) {
    String url = blankToNull(env.get("ESM_DATABASE_URL"));
    String dir = blankToNull(env.get("ESM_DATA_DIR"));
    return new StoreSettings(url, env.get("ESM_DATABASE_USER"), env.get("ESM_DATABASE_PASSWORD"),
        Path.of(dir == null ? DEFAULT_DATA_DIR : dir));
  }

  public static StoreSettings embedded(Path dataDir) {
    return new StoreSettings(null, null, null, dataDir);
  }

  public boolean isEmbedded() {
    return url == null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() { // never the password
    return isEmbedded() ? "embedded database in " + dataDir : "PostgreSQL at " + url;
  }
}
