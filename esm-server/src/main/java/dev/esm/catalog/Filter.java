package dev.esm.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page's state, all in its URL: {@code ?team=…&repository=…&q=…}. Blank values mean "all".
 *
 * @param team a team's key, or {@link Catalog#NO_TEAM}; null for every team
 * @param repository {@code owner/name}; null for every repository
 * @param search part of an event's name, any case; null for every event
 */
public record Filter(String team, String repository, String search) {

  /** Longer values are cut: a URL is not a place for essays. */
  static final int MAX_LENGTH = 200;

  public static final Filter NONE = new Filter(null, null, null);

  public Filter {
    team = clean(team);
    repository = clean(repository);
    search = clean(search);
  }

  /** The filter of a request's query parameters ({@code team}, {@code repository}, {@code q}). */
  public static Filter of(Map<String, List<String>> query) {
    return new Filter(first(query, "team"), first(query, "repository"), first(query, "q"));
  }

  boolean isEmpty() {
    return team == null && repository == null && search == null;
  }

  boolean keeps(Catalog.EventEntry event) {
    return (team == null || team.equals(event.team()))
        && (repository == null || repository.equalsIgnoreCase(event.repository()))
        && (search == null || event.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))
            || search != null && event.fullName().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)));
  }

  boolean keeps(Catalog.CommandEntry command) {
    return repository == null || repository.equalsIgnoreCase(command.repository());
  }

  boolean keepsOrphan(Catalog.MonitorEntry orphan) {
    return (team == null || team.equals(orphan.team() == null ? Catalog.NO_TEAM : orphan.team())) && search == null;
  }

  /** The query string of this filter with {@code team} replaced, e.g. {@code ?team=team-cart}; "?" alone when empty. */
  String withTeam(String newTeam) {
    return new Filter(newTeam, repository, search).queryString();
  }

  String queryString() {
    List<String> parts = new ArrayList<>();
    if (team != null) {
      parts.add("team=" + Html.query(team));
    }
    if (repository != null) {
      parts.add("repository=" + Html.query(repository));
    }
    if (search != null) {
      parts.add("q=" + Html.query(search));
    }
    return "?" + String.join("&", parts);
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String clean(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
  }
}
