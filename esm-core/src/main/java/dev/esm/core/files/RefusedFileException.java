package dev.esm.core.files;

/**
 * A file ESM will not read, and why. The message never quotes anything of the file itself, which
 * may lie outside the repository.
 */
public final class RefusedFileException extends RuntimeException {

  /** Why a file is refused, in words that fit after {@code import "…" }. */
  public enum Reason {
    OUTSIDE("is outside the repository"),
    NOT_A_PATH("is not a valid path"),
    SYMBOLIC_LINK("is a symbolic link (ESM follows no links)"),
    FOLDER("is a folder, not a file"),
    SPECIAL("is not a regular file (a device, pipe or socket)"),
    MISSING("does not exist"),
    UNREADABLE("cannot be read"),
    TOO_LARGE("is too large"),
    NOT_UTF8("is not UTF-8 text");

    private final String words;

    Reason(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  private final Reason reason;

  public RefusedFileException(Reason reason) {
    this(reason, reason.words());
  }

  public RefusedFileException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** {@code subject} (e.g. {@code import "x.avdl"}) followed by what is wrong with it. */
  public String describe(String subject) {
    return reason == Reason.TOO_LARGE ? subject + ": " + getMessage() : subject + " " + getMessage();
  }
}
