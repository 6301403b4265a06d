package dev.esm.webhook;

import dev.esm.github.CommentMemory;
import dev.esm.store.CommandStore;
import dev.esm.store.StoredCommand;
import java.util.Optional;

/** The result comment of a stored command: a rerun (a lapsed lease, a restart) edits it rather than posting another. */
final class StoredCommentMemory implements CommentMemory {

  private final StoredCommand stored;
  private final CommandStore store;

  StoredCommentMemory(StoredCommand stored, CommandStore store) {
    this.stored = stored;
    this.store = store;
  }

  @Override
  public Optional<Long> earlier() {
    return Optional.ofNullable(stored.resultCommentId());
  }

  @Override
  public boolean rerun() {
    return stored.attempts() > 1;
  }

  @Override
  public void remember(long commentId) {
    store.resultComment(stored.id(), commentId);
  }

  @Override
  public Optional<String> key() {
    return Optional.ofNullable(stored.deliveryId());
  }
}
