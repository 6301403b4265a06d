package dev.esm.catalog;

import dev.esm.catalog.Catalog.CommandEntry;
import dev.esm.catalog.Catalog.EventEntry;
import dev.esm.catalog.Catalog.MonitorEntry;
import dev.esm.catalog.Catalog.Registration;
import dev.esm.catalog.Catalog.Site;
import dev.esm.catalog.Catalog.TeamCounts;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The catalog as one HTML page, rendered on the server: it reads fully without JavaScript, its
 * filters are a form sent with GET (so its state is its URL), and its one stylesheet is served by
 * the service. Every text from outside (schemas, Datadog, the command history) is masked for
 * secrets, then escaped.
 */
public final class CatalogPage {

  /** Where the service serves the stylesheet. */
  public static final String STYLESHEET_PATH = "/catalog.css";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final UnaryOperator<String> mask;

  /** @param mask hides every secret the service knows ({@code SecretMasker::mask}) */
  public CatalogPage(UnaryOperator<String> mask) {
    this.mask = mask;
  }

  public String render(Catalog catalog, Filter filter) {
    List<EventEntry> events = catalog.events().stream().filter(filter::keeps).toList();
    List<MonitorEntry> orphans = catalog.orphans().stream().filter(filter::keepsOrphan).toList();
    List<CommandEntry> commands = catalog.commands().stream().filter(filter::keeps).toList();
    StringBuilder out = new StringBuilder(4096 + events.size() * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>ESM catalog").append(filter.isEmpty() ? "" : " (filtered)").append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET_PATH).append("\">\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#events\">Skip to the events</a>\n<header>\n<h1>ESM catalog</h1>\n")
        .append("<p>Every event of the default branch of ").append(catalog.repositories().isEmpty() ? "no repository"
            : String.join(", ", catalog.repositories().stream().map(this::text).toList()))
        .append(", its owner, its monitors and their drift. Read at <time datetime=\"")
        .append(catalog.refreshedAt()).append("\">").append(TIME.format(catalog.refreshedAt())).append("</time>.</p>\n")
        .append("</header>\n<main>\n");
    form(out, catalog, filter);
    problems(out, catalog.problems());
    teams(out, catalog.teams(), filter);
    events(out, catalog, events, filter);
    orphans(out, orphans);
    commands(out, commands);
    out.append("</main>\n<footer><p>Read only: this page writes nothing. Blind spot: an event with no monitor that ")
        .append("is emitted (or whose emission is not known).</p></footer>\n</body>\n</html>\n");
    return out.toString();
  }

  private void form(StringBuilder out, Catalog catalog, Filter filter) {
    out.append("<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\">\n")
        .append("<div><label for=\"team\">Team</label>\n<select id=\"team\" name=\"team\">\n<option value=\"\">All teams</option>\n");
    for (TeamCounts team : catalog.teams()) {
      option(out, team.team(), team.team().equals(filter.team()));
    }
    out.append("</select></div>\n<div><label for=\"repository\">Repository</label>\n")
        .append("<select id=\"repository\" name=\"repository\">\n<option value=\"\">All repositories</option>\n");
    for (String repository : catalog.repositories()) {
      option(out, repository, repository.equalsIgnoreCase(filter.repository()));
    }
    out.append("</select></div>\n<div><label for=\"q\">Event name</label>\n")
        .append("<input id=\"q\" name=\"q\" type=\"search\" value=\"").append(text(filter.search()))
        .append("\" placeholder=\"e.g. AddToCart\" maxlength=\"").append(Filter.MAX_LENGTH).append("\"></div>\n")
        .append("<div class=\"actions\"><button type=\"submit\">Filter</button> <a href=\"/\">Clear</a></div>\n</form>\n");
  }

  private void option(StringBuilder out, String value, boolean selected) {
    out.append("<option value=\"").append(text(value)).append('"').append(selected ? " selected" : "").append('>')
        .append(text(value)).append("</option>\n");
  }

  private void problems(StringBuilder out, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    out.append("<section class=\"problems\" role=\"alert\" aria-labelledby=\"problems\">\n")
        .append("<h2 id=\"problems\">Not read</h2>\n<ul>\n");
    problems.forEach(p -> out.append("<li>").append(text(p)).append("</li>\n"));
    out.append("</ul>\n</section>\n");
  }

  private void teams(StringBuilder out, List<TeamCounts> teams, Filter filter) {
    out.append("<section aria-labelledby=\"teams\">\n<h2 id=\"teams\">Teams</h2>\n");
    if (teams.isEmpty()) {
      out.append("<p>No team yet.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Events</th>")
        .append("<th scope=\"col\">Monitored</th><th scope=\"col\">Blind spots</th><th scope=\"col\">Drifted monitors</th></tr></thead>\n<tbody>\n");
    for (TeamCounts team : teams) {
      boolean current = team.team().equals(filter.team());
      out.append("<tr").append(current ? " class=\"current\"" : "").append("><th scope=\"row\"><a href=\"")
          .append(text(filter.withTeam(team.team()))).append('"').append(current ? " aria-current=\"true\"" : "").append('>')
          .append(text(team.team())).append("</a></th><td>").append(team.events()).append("</td><td>").append(team.monitored())
          .append("</td><td>").append(team.blindSpots()).append("</td><td>").append(team.drift()).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void events(StringBuilder out, Catalog catalog, List<EventEntry> events, Filter filter) {
    out.append("<section id=\"events\" aria-labelledby=\"events-title\">\n<h2 id=\"events-title\">Events <span class=\"count\">(")
        .append(events.size()).append(events.size() == catalog.events().size() ? "" : " of " + catalog.events().size())
        .append(")</span></h2>\n");
    if (events.isEmpty()) {
      out.append("<p class=\"empty\">").append(catalog.events().isEmpty() ? "No event has been read yet."
          : "No event matches these filters. <a href=\"/\">Show every event</a>.").append("</p>\n</section>\n");
      return;
    }
    for (EventEntry event : events) {
      event(out, event);
    }
    out.append("</section>\n");
  }

  private void event(StringBuilder out, EventEntry event) {
    out.append("<article class=\"event\">\n<h3>").append(text(event.name())).append("</h3>\n<p class=\"meta\">")
        .append(text(event.namespace() == null ? "" : event.namespace())).append(" · ").append(text(event.repository()))
        .append("</p>\n");
    if (!event.doc().isEmpty()) {
      out.append("<p class=\"doc\">").append(text(event.doc())).append("</p>\n");
    }
    out.append("<dl>\n<dt>Owner</dt><dd>").append(event.owner() == null ? "<em>none</em> (add @owner or a CODEOWNERS entry)"
        : text(event.owner())).append("</dd>\n<dt>Schema</dt><dd>").append(link(event.schemaUrl(), event.schemaPath()))
        .append("</dd>\n<dt>Emitted at</dt><dd>");
    if (event.emission() == null) {
      out.append("<em>not known</em> (no <code>coverage.sources</code>)");
    } else if (event.emission().isEmpty()) {
      out.append("<em>no site found</em>");
    } else {
      for (int i = 0; i < event.emission().size(); i++) {
        Site site = event.emission().get(i);
        out.append(i == 0 ? "" : ", ").append(link(site.url(), site.path() + ":" + site.line()));
      }
    }
    out.append("</dd>\n<dt>Last registration</dt><dd>");
    Registration registration = event.lastRegistration();
    if (registration == null) {
      out.append("<em>none by a pull request</em>");
    } else {
      out.append(link(registration.url(), "#" + registration.pullRequest()));
      if (registration.who() != null) {
        out.append(" by ").append(text(registration.who()));
      }
      if (registration.when() != null) {
        out.append(", ").append(time(registration.when()));
      }
    }
    out.append("</dd>\n</dl>\n");
    if (event.monitors().isEmpty()) {
      out.append("<p class=\"unmonitored\">No monitor").append(event.isBlindSpot() ? ": a blind spot" : "").append(".</p>\n");
    } else {
      out.append("<div class=\"scroll\"><table class=\"monitors\">\n<caption>Monitors of ").append(text(event.name()))
          .append("</caption>\n<thead><tr><th scope=\"col\">Monitor</th><th scope=\"col\">Kind</th>")
          .append("<th scope=\"col\">Severity</th><th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
      for (MonitorEntry monitor : event.monitors()) {
        out.append("<tr><td>").append(link(monitor.url(), monitor.name())).append("</td><td>").append(text(monitor.kind()))
            .append("</td><td>").append(text(monitor.severity())).append("</td><td>").append(state(monitor)).append("</td></tr>\n");
      }
      out.append("</tbody>\n</table></div>\n");
    }
    out.append("</article>\n");
  }

  private static String state(MonitorEntry monitor) {
    return monitor.drift() == null ? "<span class=\"state ok\">in step</span>"
        : "<span class=\"state drift\">" + Html.escape(monitor.drift().label()) + "</span>";
  }

  private void orphans(StringBuilder out, List<MonitorEntry> orphans) {
    if (orphans.isEmpty()) {
      return;
    }
    out.append("<section aria-labelledby=\"orphans\">\n<h2 id=\"orphans\">Orphaned monitors</h2>\n")
        .append("<p>They carry the identity tag, but no event of the served default branches declares them.</p>\n<ul>\n");
    for (MonitorEntry orphan : orphans) {
      out.append("<li>").append(link(orphan.url(), orphan.name())).append(orphan.team() == null ? ""
          : " (" + text(orphan.team()) + ")").append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private void commands(StringBuilder out, List<CommandEntry> commands) {
    out.append("<section aria-labelledby=\"commands\">\n<h2 id=\"commands\">Commands of the last 7 days</h2>\n");
    if (commands.isEmpty()) {
      out.append("<p class=\"empty\">No command in the last 7 days.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Repository</th>")
        .append("<th scope=\"col\">Pull request</th><th scope=\"col\">Command</th><th scope=\"col\">By</th>")
        .append("<th scope=\"col\">Outcome</th></tr></thead>\n<tbody>\n");
    for (CommandEntry command : commands) {
      out.append("<tr><td>").append(time(command.at())).append("</td><td>").append(text(command.repository()))
          .append("</td><td>")
          // a drift check belongs to no pull request (stored with number 0)
          .append(command.pullRequest() > 0 ? link(command.url(), "#" + command.pullRequest()) : "")
          .append("</td><td><code>esm ")
          .append(text(command.word())).append("</code></td><td>").append(text(command.who())).append("</td><td>")
          .append(text(command.outcome())).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private static String time(Instant at) {
    return "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time>";
  }

  /** A link when the address is http(s), else the text alone; both masked and escaped. */
  private String link(URI url, String label) {
    if (!Html.linkable(url)) {
      return text(label);
    }
    return "<a href=\"" + text(url.toString()) + "\">" + text(label) + "</a>";
  }

  private String text(String value) {
    return value == null ? "" : Html.escape(mask.apply(value));
  }
}
