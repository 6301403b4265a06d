package dev.esm.store;

/**
 * A command to store as its delivery is accepted; {@code repository} is the lane (lower case
 * owner/name); {@code word} says what runs it (a comment command's word, a pull request's work, a
 * drift check). {@code deliveryId} is null for work that came from no delivery (a drift check).
 */
public record NewCommand(String deliveryId, String repository, int pullRequest, String word, String body) {}
