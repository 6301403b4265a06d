package dev.esm.store;

/** A command to store as its delivery is accepted; {@code repository} is the lane (lower case owner/name). */
public record NewCommand(String deliveryId, String repository, int pullRequest, String word, String body) {}
