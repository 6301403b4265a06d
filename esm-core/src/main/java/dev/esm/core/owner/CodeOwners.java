package dev.esm.core.owner;

import dev.esm.core.files.RefusedFileException;
import dev.esm.core.files.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository's {@code CODEOWNERS}, with GitHub's rules: patterns like {@code .gitignore}'s,
 * relative to the repository root, and the last matching line wins.
 */
public final class CodeOwners {

  /** Where GitHub looks, in the order it looks. */
  public static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

  private record Rule(Pattern pattern, List<String> owners) {}

  private final List<Rule> rules;

  private CodeOwners(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static CodeOwners none() {
    return new CodeOwners(List.of());
  }

  /**
   * Reads the first CODEOWNERS file GitHub would use under the repository's root, if any; one that
   * is a link, not a regular file, or too large counts as absent (it may point outside).
   */
  public static CodeOwners find(RepositoryFiles repository) {
    for (String location : LOCATIONS) {
      Path file = repository.root().resolve(location);
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        try {
          return parse(repository.read(file));
        } catch (RefusedFileException e) {
          return none();
        }
      }
    }
    return none();
  }

  public static CodeOwners parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String rawLine : text.split("\\R")) {
      String line = stripComment(rawLine).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      List<String> owners = List.of(parts).subList(1, parts.length);
      rules.add(new Rule(toRegex(parts[0]), owners));
    }
    return new CodeOwners(rules);
  }

  /** The owners of a path relative to the repository root ({@code /}-separated); empty if none. */
  public Optional<List<String>> ownersOf(String relativePath) {
    String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule rule = rules.get(i);
      if (rule.pattern().matcher(path).matches()) {
        return rule.owners().isEmpty() ? Optional.empty() : Optional.of(rule.owners());
      }
    }
    return Optional.empty();
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    while (hash > 0 && line.charAt(hash - 1) == '\\') {
      hash = line.indexOf('#', hash + 1);
    }
    return hash < 0 ? line : line.substring(0, hash);
  }

  /**
   * A leading or inner {@code /} anchors the pattern at the root; otherwise it matches at any
   * depth. A trailing {@code /} (or a directory match) covers everything below.
   */
  static Pattern toRegex(String pattern) {
    boolean anchored = pattern.startsWith("/") || pattern.substring(0, pattern.length() - 1).contains("/");
    String body = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    boolean directoryOnly = body.endsWith("/");
    if (directoryOnly) {
      body = body.substring(0, body.length() - 1);
    }
    StringBuilder regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '*') {
        if (i + 1 < body.length() && body.charAt(i + 1) == '*') {
          boolean slashFollows = i + 2 < body.length() && body.charAt(i + 2) == '/';
          regex.append(slashFollows ? "(?:.*/)?" : ".*");
          i += slashFollows ? 2 : 1;
        } else {
          regex.append("[^/]*");
        }
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '\\' && i + 1 < body.length()) {
        regex.append(Pattern.quote(String.valueOf(body.charAt(++i))));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    regex.append(directoryOnly ? "/.*$" : "(?:/.*)?$");
    return Pattern.compile(regex.toString());
  }
}
