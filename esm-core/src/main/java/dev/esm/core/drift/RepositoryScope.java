package dev.esm.core.drift;

import dev.esm.core.datadog.RemoteMonitor;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of the monitors under the identity tag one repository's drift check judges, when one
 * service may serve several schema repositories that share that tag. A repository answers for a
 * monitor whose event its default branch declares, or whose message links its schema file into
 * the repository; a monitor that links no schema file at all is judged only when the service
 * serves this one repository. Everything else belongs to another repository: reporting it as
 * orphaned, or repairing it away, would damage a monitor this repository does not own.
 *
 * @param repositoryUrl the repository's page, e.g. {@code https://github.com/acme/event-schemas}
 * @param soleRepository true when the service serves this repository and no other
 */
public record RepositoryScope(String repositoryUrl, boolean soleRepository) {

  /** The monitors of {@code managed} this repository answers for, in their order. */
  public List<RemoteMonitor> judged(List<RemoteMonitor> managed, Set<String> declaredEventTags) {
    return managed.stream().filter(m -> answersFor(m, declaredEventTags)).toList();
  }

  boolean answersFor(RemoteMonitor monitor, Set<String> declaredEventTags) {
    if (monitor.definition().tags().stream().map(String::trim).anyMatch(declaredEventTags::contains)) {
      return true;
    }
    String schema = monitor.schemaUrl();
    if (schema == null) {
      return soleRepository;
    }
    return repositoryUrl != null && lower(schema).startsWith(lower(withoutSlash(repositoryUrl)) + "/");
  }

  private static String withoutSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** GitHub's owner and repository names are case-insensitive. */
  private static String lower(String url) {
    return url.toLowerCase(Locale.ROOT);
  }
}
