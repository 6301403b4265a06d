package dev.esm.github;

/**
 * One line annotated on a check run.
 *
 * @param path the file's path in the repository
 * @param line 1-based
 * @param failure level {@code failure} when true, {@code warning} otherwise
 * @param message what is wrong there
 */
public record CheckAnnotation(String path, int line, boolean failure, String message) {}
