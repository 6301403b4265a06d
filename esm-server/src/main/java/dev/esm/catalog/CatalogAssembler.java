package dev.esm.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.esm.catalog.Catalog.CommandEntry;
import dev.esm.catalog.Catalog.EventEntry;
import dev.esm.catalog.Catalog.MonitorEntry;
import dev.esm.catalog.Catalog.Registration;
import dev.esm.catalog.Catalog.TeamCounts;
import dev.esm.core.annotation.MonitorSpec;
import dev.esm.core.coverage.EventSelection;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.drift.Drift;
import dev.esm.core.drift.DriftDetector;
import dev.esm.core.drift.DriftKind;
import dev.esm.core.drift.DriftReport;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.Event;
import dev.esm.core.render.PullRequestLink;
import dev.esm.core.render.RenderContext;
import dev.esm.store.PastCommand;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts together what the service knows into the {@link Catalog}: the events of the default
 * branches (records that carry {@code @monitor} or that no other record uses, as {@code esm coverage} picks them), the monitors Datadog lists under the identity tag (and their drift, judged as
 * {@code esm drift} judges it, across every served repository at once), where events are emitted,
 * and the command history. Reads nothing and writes nothing itself.
 */
public final class CatalogAssembler {

  private static final Pattern PULL_REQUEST = Pattern.compile("^https?://[^\\s]+/([^/\\s]+/[^/\\s]+)/pull/(\\d+)/?$");
  private static final String REGISTER = "register";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LongFunction<URI> monitorUrl;

  /** @param monitorUrl a monitor's page in Datadog, by its ID */
  public CatalogAssembler(LongFunction<URI> monitorUrl) {
    this.monitorUrl = monitorUrl;
  }

  /**
   * @param branches the served default branches, in the order to show them
   * @param managed every monitor carrying the identity tag
   * @param history the commands of the history, newest first
   * @param problems what could not be read
   */
  public Catalog assemble(Instant refreshedAt, List<Branch> branches, List<RemoteMonitor> managed, List<PastCommand> history,
      List<String> problems) {
    List<DesiredMonitor> desired = new ArrayList<>();
    Set<String> eventTags = new LinkedHashSet<>();
    for (Branch branch : branches) {
      desired.addAll(branch.monitors());
      branch.events().forEach(e -> eventTags.add(e.eventTag()));
    }
    DriftReport report = DriftDetector.detect(desired, eventTags, managed);
    Map<String, DriftKind> drift = new HashMap<>();
    List<MonitorEntry> orphans = new ArrayList<>();
    for (Drift d : report.drifts()) {
      if (d.kind() == DriftKind.ORPHANED) {
        orphans.add(new MonitorEntry(d.name(), null, null, d.id(), url(d.id()), d.kind(), teamTag(d.current())));
      } else {
        drift.putIfAbsent(d.name(), d.kind());
      }
    }
    orphans.sort(Comparator.comparing(MonitorEntry::name));
    Map<String, RemoteMonitor> remoteByName = new HashMap<>();
    managed.forEach(m -> remoteByName.putIfAbsent(m.definition().name().trim(), m));
    List<CommandEntry> commands = history.stream().map(CatalogAssembler::command).toList();

    List<EventEntry> events = new ArrayList<>();
    for (Branch branch : branches) {
      Map<String, List<DesiredMonitor>> monitorsByTag = new HashMap<>();
      branch.monitors().forEach(m -> monitorsByTag.computeIfAbsent(m.eventTag(), t -> new ArrayList<>()).add(m));
      RenderContext context = new RenderContext(branch.repositoryUrl() == null ? null : branch.repositoryUrl().toString(),
          branch.branch(), null);
      List<Event> shown = new ArrayList<>(EventSelection.events(branch.events()));
      shown.sort(Comparator.comparing((Event e) -> e.declaration().name().toLowerCase(Locale.ROOT))
          .thenComparing(e -> e.declaration().fullName()));
      for (Event event : shown) {
        List<MonitorEntry> monitors = new ArrayList<>();
        List<RemoteMonitor> remotes = new ArrayList<>();
        for (DesiredMonitor monitor : monitorsByTag.getOrDefault(event.eventTag(), List.of())) {
          String name = monitor.definition().name();
          RemoteMonitor remote = remoteByName.get(name.trim());
          if (remote != null) {
            remotes.add(remote);
          }
          Long id = remote == null ? null : remote.id();
          monitors.add(new MonitorEntry(name, monitor.kind(), severity(event, monitor), id, url(id), drift.get(name), null));
        }
        String fileUrl = context.fileUrl(event.schemaPath());
        int line = event.declaration().declaration().line();
        events.add(new EventEntry(branch.repository(), event.declaration().name(), event.declaration().schema().getNamespace(),
            event.declaration().fullName(), event.team() == null ? Catalog.NO_TEAM : event.team(), event.owner(),
            event.declaration().doc(), event.schemaPath(), fileUrl == null ? null : URI.create(fileUrl + "#L" + line),
            monitors, branch.emissions() == null ? null : branch.emissions().getOrDefault(event.declaration().fullName(), List.of()),
            lastRegistration(remotes, commands)));
      }
    }
    return new Catalog(refreshedAt, branches.stream().map(Branch::repository).toList(), events, teams(events, orphans),
        orphans, commands, problems);
  }

  private URI url(Long id) {
    return id == null ? null : monitorUrl.apply(id);
  }

  private static String severity(Event event, DesiredMonitor monitor) {
    return event.monitors().stream().filter(s -> s.line() == monitor.line()).map(MonitorSpec::severity)
        .map(s -> s.label()).findFirst().orElse(null);
  }

  private static String teamTag(RemoteMonitor monitor) {
    if (monitor == null) {
      return null;
    }
    return monitor.definition().tags().stream().map(String::trim).filter(t -> t.startsWith("team:"))
        .map(t -> t.substring("team:".length())).findFirst().orElse(null);
  }

  /**
   * The pull request named by the event's monitors: when they name several, the one whose
   * registration ended last; who and when from the newest register command of that pull request.
   */
  private static Registration lastRegistration(List<RemoteMonitor> remotes, List<CommandEntry> commands) {
    Registration best = null;
    for (RemoteMonitor remote : remotes) {
      PullRequestLink link = remote.registeredBy();
      Matcher m = link == null ? null : PULL_REQUEST.matcher(link.url());
      URI page = m != null && m.matches() ? uri(link.url()) : null;
      if (page == null) {
        continue; // a message edited by hand may name anything: only a pull request's page is shown
      }
      String repository = m.group(1).toLowerCase(Locale.ROOT);
      int number = link.number();
      CommandEntry command = commands.stream()
          .filter(c -> c.word().equals(REGISTER) && c.pullRequest() == number && c.repository().equals(repository))
          .findFirst().orElse(null);
      Registration found = new Registration(number, page, command == null ? null : command.who(),
          command == null ? null : command.at());
      if (best == null || best.when() == null && found.when() != null
          || best.when() != null && found.when() != null && found.when().isAfter(best.when())) {
        best = found;
      }
    }
    return best;
  }

  private static URI uri(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static CommandEntry command(PastCommand command) {
    String who = null;
    URI page = null;
    try {
      JsonNode body = JSON.readTree(command.body());
      who = text(body.path("comment").path("user").path("login"));
      if (who == null) {
        who = text(body.path("sender").path("login"));
      }
      String url = text(body.path("issue").path("html_url"));
      if (url == null) {
        url = text(body.path("pull_request").path("html_url"));
      }
      page = url != null && PULL_REQUEST.matcher(url).matches() ? URI.create(url) : null;
    } catch (IOException | RuntimeException e) {
      // a payload that does not read says nothing of who asked
    }
    long at = command.finishedAt() != null ? command.finishedAt() : command.acceptedAt();
    return new CommandEntry(command.repository(), command.pullRequest(), page, command.word(), who,
        command.outcome() != null ? command.outcome() : command.state(), Instant.ofEpochMilli(at));
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  private static List<TeamCounts> teams(List<EventEntry> events, List<MonitorEntry> orphans) {
    Map<String, int[]> counts = new TreeMap<>();
    for (EventEntry event : events) {
      int[] c = counts.computeIfAbsent(event.team(), t -> new int[4]);
      c[0]++;
      c[1] += event.isMonitored() ? 1 : 0;
      c[2] += event.isBlindSpot() ? 1 : 0;
      c[3] += (int) event.drifted();
    }
    for (MonitorEntry orphan : orphans) {
      counts.computeIfAbsent(orphan.team() == null ? Catalog.NO_TEAM : orphan.team(), t -> new int[4])[3]++;
    }
    return counts.entrySet().stream().map(e -> new TeamCounts(e.getKey(), e.getValue()[0], e.getValue()[1],
        e.getValue()[2], e.getValue()[3])).toList();
  }
}
