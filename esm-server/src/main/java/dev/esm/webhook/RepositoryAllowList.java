package dev.esm.webhook;

import dev.esm.core.diagnostic.EsmException;
import java.util.List;
import java.util.Locale;

/** The repositories the service acts for: {@code owner/name}, or {@code owner/*} for an organisation. */
public final class RepositoryAllowList {

  private final List<String> entries;

  public RepositoryAllowList(List<String> entries) {
    validate(entries);
    this.entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** GitHub owner and repository names are case-insensitive. */
  public boolean allows(String fullName) {
    if (fullName == null || fullName.indexOf('/') <= 0) {
      return false;
    }
    String name = fullName.toLowerCase(Locale.ROOT);
    String owner = name.substring(0, name.indexOf('/'));
    for (String entry : entries) {
      if (entry.equals(name) || entry.equals(owner + "/*")) {
        return true;
      }
    }
    return false;
  }

  static void validate(List<String> entries) {
    for (String entry : entries) {
      String e = entry == null ? "" : entry.trim();
      int slash = e.indexOf('/');
      if (slash <= 0 || slash == e.length() - 1 || e.indexOf('/', slash + 1) >= 0
          || (e.contains("*") && !e.endsWith("/*"))) {
        throw new EsmException(
            EsmException.Kind.USAGE,
            "github.repositories: \"" + entry + "\" is not owner/name or owner/*.");
      }
    }
  }
}
