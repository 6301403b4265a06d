package dev.esm.webhook;

import dev.esm.core.apply.ApplyResult;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogException;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.drift.Drift;
import dev.esm.core.drift.DriftDetector;
import dev.esm.core.drift.DriftReport;
import dev.esm.core.drift.RepositoryScope;
import dev.esm.core.plan.Action;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.Event;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Registration;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.DefaultBranchReader.CheckedOutBranch;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubException;
import dev.esm.github.GitHubFeedback;
import dev.esm.github.SchemaPaths;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drift check of one repository: reads its default branch, compares Datadog with it, repairs
 * when asked, then keeps the drift issue, the gauge and Slack up to date. A check that cannot
 * reach Datadog or GitHub, or finds the default branch invalid, changes nothing and is tried
 * again at the next interval.
 */
public final class DriftCheck {

  private static final Logger LOG = LoggerFactory.getLogger(DriftCheck.class);

  private final EsmConfig config;
  private final DatadogMonitors datadog;
  private final GitHubClients gitHub;
  private final DefaultBranchReader reader;
  private final SchemaPaths schemaPaths;
  private final WebhookMetrics metrics;
  private final SlackAnnouncer announcer;
  private final SecretMasker secrets;
  private final Map<String, RepositoryState> states = new ConcurrentHashMap<>();

  /** What the service remembers of a repository between checks (it keeps no database). */
  private static final class RepositoryState {
    /** The drift issue's number, once known; null when there is none or it was not looked for yet. */
    Integer issue;
    boolean lookedForIssue;
    boolean issueOpen;
    /** The (kind, monitor) pairs the last check found, announced already; null before the first check. */
    Set<String> present;
  }

  public DriftCheck(EsmConfig config, DatadogMonitors datadog, GitHubClients gitHub, DefaultBranchReader reader,
      WebhookMetrics metrics, SlackAnnouncer announcer) {
    this(config, datadog, gitHub, reader, metrics, announcer, SecretMasker.NONE);
  }

  /** As above; every issue text written passes through {@code secrets} first. */
  public DriftCheck(EsmConfig config, DatadogMonitors datadog, GitHubClients gitHub, DefaultBranchReader reader,
      WebhookMetrics metrics, SlackAnnouncer announcer, SecretMasker secrets) {
    this.config = config;
    this.secrets = secrets;
    this.datadog = datadog;
    this.gitHub = gitHub;
    this.reader = reader;
    this.schemaPaths = new SchemaPaths(config.github().schemaPaths());
    this.metrics = metrics;
    this.announcer = announcer;
  }

  /** What one check found, and repaired. */
  private record Findings(CheckedOutBranch branch, List<DriftRow> rows, DriftReport report, List<ApplyResult.Outcome> repaired) {}

  public void run(GitHubClients.Served served) {
    String name = served.fullName();
    RepositoryState state = states.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new RepositoryState());
    try {
      GHRepository repository = DefaultBranchReader.repository(gitHub.forInstallation(served.installationId()), name);
      Findings findings;
      try (CheckedOutBranch branch = reader.read(repository)) {
        findings = check(branch);
      }
      GitHubFeedback feedback = GitHubFeedback.forRepository(repository, gitHub::selfLogin, secrets::mask);
      URI issue = Boolean.TRUE.equals(config.drift().issue()) ? syncIssue(feedback, state, findings) : null;
      metrics.drift(name, findings.report().counts());
      announce(name, state, findings, issue);
      LOG.info("drift check of {}: {}{}", name, dev.esm.core.drift.DriftPrinter.summary(findings.report()),
          findings.repaired().isEmpty() ? "" : " (" + findings.repaired().size() + " repaired)");
    } catch (InvalidInputException e) {
      LOG.warn("drift check of {} skipped: the default branch holds {} invalid schema error(s); nothing changed", name,
          e.diagnostics().stream().filter(d -> d.isError()).count());
    } catch (DatadogException | GitHubException e) {
      LOG.warn("drift check of {} failed, nothing changed; retried at the next interval: {}", name, e.getMessage());
    } catch (IOException e) {
      LOG.warn("drift check of {} failed, nothing changed; retried at the next interval: {}", name, e.toString());
    }
  }

  private Findings check(CheckedOutBranch branch) {
    List<Path> every = SchemaPaths.avdlFiles(branch.root());
    List<Path> served = schemaPaths.schemaFiles(branch.root());
    RenderContext context = new RenderContext(branch.repositoryUrl() == null ? null : branch.repositoryUrl().toString(),
        branch.branch(), null);
    Workspace workspace = new Workspace(config);
    SchemaSource source = new SchemaSource(branch.root(), served);
    Rendering rendering = workspace.render(source, context);
    Set<String> declaredAnywhere = workspace.declaredEventTags(every);
    RepositoryScope scope = new RepositoryScope(context.repositoryUrl(), config.github().servesOneRepository());
    DriftReport report = detect(rendering, scope, declaredAnywhere);
    List<ApplyResult.Outcome> repaired = List.of();
    if (Boolean.TRUE.equals(config.drift().repair()) && report.hasDrift()) {
      repaired = repair(rendering, report, declaredAnywhere);
      if (repaired.stream().anyMatch(o -> o.action() != Action.FAILED)) {
        report = detect(rendering, scope, declaredAnywhere);
      }
    }
    return new Findings(branch, rows(report, rendering, source, context), report, repaired);
  }

  /** Judges only the monitors this repository answers for: others may belong to another served repository. */
  private DriftReport detect(Rendering rendering, RepositoryScope scope, Set<String> declaredAnywhere) {
    List<RemoteMonitor> managed = scope.judged(datadog.listByTag(config.identityTag()), declaredAnywhere);
    return DriftDetector.detect(rendering.monitors(), rendering.eventTags(), managed);
  }

  /**
   * Writes what the default branch says for the drifted monitors only, through the same planner
   * and applier as {@code esm apply}: updates in place, creates what is missing, and deletes an
   * orphan only when no schema anywhere on the default branch declares its event.
   */
  private List<ApplyResult.Outcome> repair(Rendering rendering, DriftReport report, Set<String> declaredAnywhere) {
    Set<String> drifted = new LinkedHashSet<>();
    report.drifts().forEach(d -> drifted.add(d.name()));
    Reconciler reconciler = new Reconciler(config, datadog);
    Plan full = reconciler.compare(rendering, rendering.eventTags(), declaredAnywhere, Registration.KEEPING_LAST_PULL_REQUEST);
    Plan plan = new Plan(
        full.creates().stream().filter(c -> drifted.contains(c.name())).toList(),
        full.updates().stream().filter(u -> drifted.contains(u.name())).toList(),
        full.deletes().stream().filter(d -> drifted.contains(d.name().trim())).toList(),
        List.of(),
        full.conflicts().stream().filter(c -> drifted.contains(c.name())).toList());
    if (!plan.hasChanges() && !plan.hasConflicts()) {
      return List.of();
    }
    reconciler.validate(plan); // Datadog's own check of what repair writes, before the first write
    ApplyResult result = reconciler.apply(plan);
    if (result.refused()) {
      LOG.warn("drift repair refused: {}", result.conflicts().stream().map(Plan.Conflict::describe).toList());
      return List.of();
    }
    return result.outcomes().stream().filter(o -> o.action() != Action.UNCHANGED).toList();
  }

  private List<DriftRow> rows(DriftReport report, Rendering rendering, SchemaSource source, RenderContext context) {
    Map<String, Event> events = new HashMap<>();
    rendering.events().forEach(e -> events.putIfAbsent(e.eventTag(), e));
    List<DriftRow> rows = new ArrayList<>();
    for (Drift drift : report.drifts()) {
      Event event = events.get(drift.eventTag(config.eventTag().key()));
      String owner = event != null && event.team() != null ? event.team() : teamTag(drift);
      String path = drift.desired() != null ? source.relative(drift.desired().file()) : event == null ? null : event.schemaPath();
      String fileUrl = path == null ? null : context.fileUrl(path);
      URI schemaUrl = fileUrl == null ? null
          : URI.create(fileUrl + (drift.desired() != null && drift.desired().line() > 0 ? "#L" + drift.desired().line() : ""));
      rows.add(new DriftRow(drift.kind(), drift.name(), drift.id(), drift.id() == null ? null : datadog.monitorUrl(drift.id()),
          owner, schemaUrl, path, drift.differences().stream().map(FieldDifference::field).distinct().toList()));
    }
    return rows;
  }

  private static String teamTag(Drift drift) {
    if (drift.current() == null) {
      return null;
    }
    return drift.current().definition().tags().stream().map(String::trim).filter(t -> t.startsWith("team:"))
        .map(t -> t.substring("team:".length())).findFirst().orElse(null);
  }

  /**
   * Keeps one issue: opened (or the last one reopened) when there is drift, its text replaced
   * when the list changes, closed with a comment when drift is gone. When nothing changed, one
   * call reads the issue; none at all when there is no drift and no issue open.
   */
  private URI syncIssue(GitHubFeedback feedback, RepositoryState state, Findings findings) throws IOException {
    boolean drift = !findings.rows().isEmpty();
    if (!drift && findings.repaired().isEmpty() && state.lookedForIssue && !state.issueOpen) {
      return null;
    }
    GHIssue issue = state.issue != null ? feedback.issue(state.issue)
        : state.lookedForIssue ? null : feedback.ownIssue(DriftMessages.ISSUE_TITLE).orElse(null);
    state.lookedForIssue = true;
    if (issue != null && state.present == null && issue.getState() == GHIssueState.OPEN) {
      state.present = DriftMessages.keysOf(issue.getBody());
    }
    String branch = findings.branch().branch();
    String body = DriftMessages.issueBody(findings.branch().repository(), branch, findings.rows(), findings.repaired());
    boolean open = issue != null && issue.getState() == GHIssueState.OPEN;
    if (drift || !findings.repaired().isEmpty()) {
      if (issue == null) {
        issue = feedback.openIssue(DriftMessages.ISSUE_TITLE, body);
      } else if (!open || !body.equals(normalised(issue.getBody()))) {
        feedback.updateIssue(issue, body, !open);
      }
      open = true;
    }
    if (!drift && open) {
      feedback.commentOnIssue(issue, DriftMessages.closingComment(branch, findings.repaired()), true);
      open = false;
    }
    state.issue = issue == null ? null : issue.getNumber();
    state.issueOpen = open;
    return issue == null || issue.getHtmlUrl() == null ? null : URI.create(issue.getHtmlUrl().toString());
  }

  private static String normalised(String body) {
    return body == null ? "" : body.replace("\r\n", "\n");
  }

  /** Each (monitor, kind) once, when a check first finds it; again only after a check found it gone. */
  private void announce(String name, RepositoryState state, Findings findings, URI issue) {
    Set<String> before = state.present == null ? Set.of() : state.present;
    List<DriftRow> fresh = findings.rows().stream().filter(r -> !before.contains(r.key())).toList();
    Set<String> now = new LinkedHashSet<>();
    findings.rows().forEach(r -> now.add(r.key()));
    state.present = now;
    if (announcer == null) {
      return;
    }
    URI repositoryUrl = findings.branch().repositoryUrl();
    if (!findings.repaired().isEmpty()) {
      announcer.post(DriftMessages.repaired(name, repositoryUrl, findings.branch().branch(), findings.repaired()),
          "the drift repair of " + name);
    }
    if (!fresh.isEmpty()) {
      announcer.post(DriftMessages.newDrift(name, repositoryUrl, findings.branch().branch(), fresh, issue), "drift in " + name);
    }
  }
}
