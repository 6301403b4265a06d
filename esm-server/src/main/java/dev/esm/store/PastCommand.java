package dev.esm.store;

/**
 * A command as the history shows it: read only, for the catalog page.
 *
 * @param repository the lane ({@code owner/name} in lower case)
 * @param body the delivery's payload as received (who asked, the pull request's page)
 * @param state {@code queued}, {@code running} or {@code done}
 * @param outcome how it ended, e.g. {@code ok} or {@code failed}; null until it is done
 * @param acceptedAt when its delivery was accepted, epoch milliseconds
 * @param finishedAt when it ended, epoch milliseconds; null until it is done
 */
public record PastCommand(String repository, int pullRequest, String word, String body, String state, String outcome,
    long acceptedAt, Long finishedAt) {}
