package dev.esm.core.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull request a monitor's message names as the one that last registered it: its page, and
 * its number when the page is a pull request's ({@code …/owner/name/pull/42}).
 *
 * @param url the pull request's page as ESM wrote it
 * @param number its number; 0 when the page does not end in {@code /pull/N}
 */
public record PullRequestLink(String url, int number) {

  private static final Pattern PULL = Pattern.compile("^(.*)/pull/(\\d{1,9})/?$");

  /** The link ESM wrote for {@code url}. */
  public static PullRequestLink of(String url) {
    String trimmed = url.strip();
    Matcher m = PULL.matcher(trimmed);
    return new PullRequestLink(trimmed, m.matches() ? Integer.parseInt(m.group(2)) : 0);
  }

  /** The repository's page, e.g. {@code https://github.com/acme/event-schemas}; null when not a pull request's page. */
  public String repositoryUrl() {
    Matcher m = PULL.matcher(url);
    return m.matches() ? m.group(1) : null;
  }

  private static String withoutSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** True when this names the pull request whose page is {@code pullRequestUrl}. */
  public boolean names(String pullRequestUrl) {
    return pullRequestUrl != null && withoutSlash(url).equals(withoutSlash(pullRequestUrl.strip()));
  }
}
