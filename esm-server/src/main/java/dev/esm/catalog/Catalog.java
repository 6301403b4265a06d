package dev.esm.catalog;

import dev.esm.core.drift.DriftKind;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What the catalog page shows, assembled by {@link CatalogAssembler}: every event of the served
 * default branches with its monitors, their drift, where it is emitted and its last registration;
 * counts per team; the commands of the last days. Texts are as read (GitHub, Datadog, the
 * database): the page masks and escapes them.
 *
 * @param refreshedAt when GitHub and Datadog were last read
 * @param repositories the served repositories read, in order
 * @param events every event, by repository then name
 * @param teams the counts of each team (events without an owner under {@link #NO_TEAM}), by name
 * @param orphans monitors carrying the identity tag that no event declares
 * @param commands the commands of the history, newest first
 * @param problems what could not be read, e.g. a repository whose schemas are invalid
 */
public record Catalog(Instant refreshedAt, List<String> repositories, List<EventEntry> events, List<TeamCounts> teams,
    List<MonitorEntry> orphans, List<CommandEntry> commands, List<String> problems) {

  /** The team of events that name no owner. */
  public static final String NO_TEAM = "(no owner)";

  public Catalog {
    repositories = List.copyOf(repositories);
    events = List.copyOf(events);
    teams = List.copyOf(teams);
    orphans = List.copyOf(orphans);
    commands = List.copyOf(commands);
    problems = List.copyOf(problems);
  }

  /**
   * One event of a default branch.
   *
   * @param team the owning team's key ({@code team-cart}), or {@link #NO_TEAM}
   * @param owner the owner as written in the schema or CODEOWNERS, or null
   * @param schemaUrl the schema file at its line on the default branch, or null when the repository's page is unknown
   * @param emission where it is built; null when {@code coverage.sources} is not configured
   * @param lastRegistration the pull request that last registered its monitors, or null
   */
  public record EventEntry(String repository, String name, String namespace, String fullName, String team, String owner,
      String doc, String schemaPath, URI schemaUrl, List<MonitorEntry> monitors, List<Site> emission,
      Registration lastRegistration) {

    public EventEntry {
      monitors = List.copyOf(monitors);
      emission = emission == null ? null : List.copyOf(emission);
    }

    public boolean isMonitored() {
      return !monitors.isEmpty();
    }

    /** No monitor, and emitted (or, without {@code coverage.sources}, not known not to be). */
    public boolean isBlindSpot() {
      return monitors.isEmpty() && (emission == null || !emission.isEmpty());
    }

    public long drifted() {
      return monitors.stream().filter(m -> m.drift() != null).count();
    }
  }

  /**
   * A monitor of an event (or an orphan).
   *
   * @param kind the monitor kind, e.g. {@code traffic_anomaly}; null for an orphan
   * @param severity the severity's label, e.g. {@code critical}; null for an orphan
   * @param id its Datadog ID, or null when Datadog has none
   * @param url its page in Datadog, or null when Datadog has none
   * @param drift how it left the default branch, or null when it is in step
   * @param team for an orphan, the team of its team tag; else null
   */
  public record MonitorEntry(String name, String kind, String severity, Long id, URI url, DriftKind drift, String team) {}

  /** A place where the event is built, linked to the default branch when the repository's page is known. */
  public record Site(String path, int line, URI url) {}

  /**
   * The last registration of an event's monitors, from the link its monitor message carries and
   * the command history: who and when are known while the command is in the history.
   *
   * @param who the login that asked for it, or null when the command is no longer in the history
   * @param when when the command ended, or null when the command is no longer in the history
   */
  public record Registration(int pullRequest, URI url, String who, Instant when) {}

  /** The counts of one team. */
  public record TeamCounts(String team, int events, int monitored, int blindSpots, int drift) {}

  /**
   * One command of the history.
   *
   * @param url the pull request's page, or null when the payload does not say
   * @param who the login that asked for it, or null
   * @param outcome how it ended ({@code ok}, {@code failed}, …), or its state while not done ({@code queued}, {@code running})
   */
  public record CommandEntry(String repository, int pullRequest, URI url, String word, String who, String outcome,
      Instant at) {}
}
