package dev.esm.github;

import dev.esm.core.diagnostic.EsmException;
import java.io.IOException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

/** GitHub could not be reached or refused a call; the message says what ESM was doing. */
public final class GitHubException extends EsmException {

  private final int status;

  public GitHubException(String message, int status, Throwable cause) {
    super(Kind.REMOTE, message, cause);
    this.status = status;
  }

  /** Wraps a failed GitHub call: {@code doing} is e.g. "reading pull request #42". */
  public static GitHubException of(String doing, IOException cause) {
    int status = 0;
    if (cause instanceof HttpException http) {
      status = http.getResponseCode();
    }
    if (cause instanceof GHFileNotFoundException && status <= 0) {
      status = 404;
    }
    String answer = status > 0 ? "GitHub answered HTTP " + status : "GitHub could not be reached (" + cause.getClass().getSimpleName() + ")";
    return new GitHubException(answer + " while " + doing + ".", status, cause);
  }

  /** The HTTP status GitHub answered, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
