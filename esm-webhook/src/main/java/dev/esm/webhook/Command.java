package dev.esm.webhook;

import java.util.Locale;
import java.util.Optional;

/**
 * A command read from the first line of a pull-request comment.
 *
 * @param kind what to do
 * @param word the word the commenter wrote after {@code esm}, lower case (may be unknown for HELP)
 */
public record Command(Kind kind, String word) {

  public enum Kind {
    REGISTER,
    PLAN,
    HELP;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** True for {@code esm help} written as such, false when an unknown word brought the help. */
  public boolean isKnown() {
    return kind.word().equals(word);
  }

  /**
   * The command on the comment's first line, trimmed and in any case: {@code esm register},
   * {@code esm plan}, {@code esm help}; any other {@code esm …} asks for help; anything else is
   * not a command.
   */
  public static Optional<Command> parse(String commentBody) {
    if (commentBody == null) {
      return Optional.empty();
    }
    String firstLine = commentBody.strip().lines().findFirst().orElse("").strip();
    String[] words = firstLine.toLowerCase(Locale.ROOT).split("\\s+");
    if (!words[0].equals("esm")) {
      return Optional.empty();
    }
    String word = words.length > 1 ? words[1] : "";
    boolean exact = words.length == 2;
    if (exact) {
      for (Kind kind : Kind.values()) {
        if (kind.word().equals(word)) {
          return Optional.of(new Command(kind, word));
        }
      }
    }
    return Optional.of(new Command(Kind.HELP, words.length > 1 ? String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length)) : ""));
  }
}
