package dev.esm.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A command read from the first line of a pull-request comment.
 *
 * @param handler the command that answers it
 * @param word the word the commenter wrote after {@code esm}, lower case (may be unknown for help)
 */
record Command(PullRequestCommand handler, String word) {

  /** True for {@code esm help} written as such, false when an unknown word brought the help. */
  boolean isKnown() {
    return handler.word().equals(word);
  }

  /**
   * The command on the comment's first line, trimmed and in any case: {@code esm register},
   * {@code esm plan}, {@code esm help}; any other {@code esm …} asks for help; anything else is
   * not a command.
   */
  static Optional<Command> parse(String commentBody) {
    if (commentBody == null) {
      return Optional.empty();
    }
    String firstLine = commentBody.strip().lines().findFirst().orElse("").strip();
    String[] words = firstLine.toLowerCase(Locale.ROOT).split("\\s+");
    if (!words[0].equals("esm")) {
      return Optional.empty();
    }
    String word = words.length > 1 ? words[1] : "";
    if (words.length == 2) {
      Optional<PullRequestCommand> known = Commands.named(word);
      if (known.isPresent()) {
        return Optional.of(new Command(known.get(), word));
      }
    }
    return Optional.of(new Command(Commands.HELP, String.join(" ", Arrays.copyOfRange(words, 1, words.length))));
  }
}
