package dev.esm.core.render;

/**
 * Where the schemas live, for links in monitor messages.
 *
 * @param repositoryUrl the repository's web URL (e.g. https://github.com/acme/event-schemas), or null
 * @param branch the branch that links point at
 * @param pullRequestUrl the pull request registering the monitors, or null from the command line
 */
public record RenderContext(String repositoryUrl, String branch, String pullRequestUrl) {

  public static RenderContext none() {
    return new RenderContext(null, "main", null);
  }

  /** A link to a file of the repository, or null when the repository URL is not known. */
  public String fileUrl(String relativePath) {
    if (repositoryUrl == null || repositoryUrl.isBlank()) {
      return null;
    }
    String base = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1) : repositoryUrl;
    return base + "/blob/" + (branch == null ? "main" : branch) + "/" + relativePath;
  }
}
