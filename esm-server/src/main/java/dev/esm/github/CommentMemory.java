package dev.esm.github;

import java.util.Optional;

/**
 * What a command remembers of its result comment across attempts: a command run again (its
 * replica died, the service restarted) edits the comment an earlier attempt posted.
 */
public interface CommentMemory {

  /** A command run once: nothing to remember. */
  CommentMemory NONE = new CommentMemory() {
    @Override
    public Optional<Long> earlier() {
      return Optional.empty();
    }

    @Override
    public boolean rerun() {
      return false;
    }

    @Override
    public void remember(long commentId) {}
  };

  /** The result comment an earlier attempt posted, if it got that far. */
  Optional<Long> earlier();

  /** True when an earlier attempt ran: it may have posted without getting to {@link #remember}. */
  boolean rerun();

  /** Called as soon as the result comment is posted. */
  void remember(long commentId);

  /**
   * What names the command in its result comment (a hidden last line), so that a rerun finds the
   * comment an earlier attempt posted but did not live to {@link #remember}; empty for none.
   */
  default Optional<String> key() {
    return Optional.empty();
  }
}
