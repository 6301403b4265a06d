package dev.esm.store;

/**
 * A command as the store holds it, claimed by a worker.
 *
 * @param deliveryId the delivery it came from, or null (a drift check)
 * @param attempts how many times it was claimed, this claim included: more than one means a rerun
 * @param resultCommentId the result comment already posted by an earlier attempt, or null
 * @param takenOver true when this claim took the command from a replica whose lease lapsed
 */
public record StoredCommand(long id, String deliveryId, String repository, int pullRequest, String word, String body,
    long acceptedAt, int attempts, Long resultCommentId, boolean takenOver) {

  /** How the log names it: its delivery, or its work and repository when it came from no delivery. */
  public String label() {
    return deliveryId != null ? "delivery " + deliveryId : word + " of " + repository;
  }
}
