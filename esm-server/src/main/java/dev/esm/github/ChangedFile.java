package dev.esm.github;

import java.util.Locale;
import java.util.Objects;

/**
 * A schema file the pull request changes.
 *
 * @param status what the pull request does to it
 * @param path its path in the repository ({@code /}-separated); for a removed file, where it was
 * @param previousPath for a renamed file, its path in the base version; otherwise null
 */
public record ChangedFile(Status status, String path, String previousPath) {

  public enum Status {
    ADDED,
    MODIFIED,
    REMOVED,
    RENAMED;

    /** GitHub's file status ({@code added}, {@code removed}, {@code modified}, {@code renamed}, {@code copied}, {@code changed}, {@code unchanged}). */
    public static Status fromGitHub(String status) {
      return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
        case "added", "copied" -> ADDED;
        case "removed" -> REMOVED;
        case "renamed" -> RENAMED;
        default -> MODIFIED;
      };
    }
  }

  public ChangedFile {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(path, "path");
    if (status != Status.RENAMED) {
      previousPath = null;
    }
  }

  /** The path in the base version, or null when the file is new. */
  public String basePath() {
    return switch (status) {
      case ADDED -> null;
      case RENAMED -> previousPath;
      default -> path;
    };
  }

  /** The path in the head version, or null when the file is removed. */
  public String headPath() {
    return status == Status.REMOVED ? null : path;
  }
}
