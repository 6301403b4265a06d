package dev.esm.webhook;

import dev.esm.core.apply.ApplyResult;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.plan.Action;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.EventRef;
import dev.esm.core.render.PullRequestLink;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.ChangedEvents;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Registration;
import dev.esm.core.workspace.SchemaChange;
import dev.esm.core.workspace.SchemaEvolution;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.Restoration;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.ChangedFile;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.github.SchemaPaths;
import dev.esm.webhook.CommandResult.Row;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The engine behind {@code esm plan} and {@code esm register} on a pull request: maps the pull
 * request to the core's {@link Reconciler#planChange} (the scope rule lives there), and the
 * core's results to the rows of the comment.
 */
public final class RegistrationEngine implements CommandEngine {

  private final EsmConfig config;
  private final DatadogMonitors datadog;
  private final SlackAnnouncer announcer;

  public RegistrationEngine(EsmConfig config, DatadogMonitors datadog, SlackAnnouncer announcer) {
    this.config = config;
    this.datadog = new GuardedDatadogMonitors(datadog); // a stopped command writes nothing more
    this.announcer = announcer;
  }

  @Override
  public CommandResult plan(PullRequestSnapshot pullRequest) {
    return run(pullRequest, false);
  }

  @Override
  public CommandResult register(PullRequestSnapshot pullRequest) {
    return run(pullRequest, true, number -> false);
  }

  @Override
  public CommandResult register(PullRequestSnapshot pullRequest, IntPredicate isOpen) {
    return run(pullRequest, true, isOpen);
  }

  private CommandResult run(PullRequestSnapshot pullRequest, boolean write) {
    return run(pullRequest, write, number -> false);
  }

  private CommandResult run(PullRequestSnapshot pullRequest, boolean write, IntPredicate isOpen) {
    if (pullRequest.changedFiles().isEmpty()) {
      return CommandResult.completed(List.of(), "This pull request changes no `.avdl` schema"
          + (config.github().schemaPaths().equals(List.of("")) ? "" : " under " + config.github().schemaPaths())
          + ": there is nothing to register.");
    }
    SchemaChange change = change(pullRequest);
    RenderContext context = new RenderContext(pullRequest.repositoryUrl().toString(), pullRequest.defaultBranch(),
        pullRequest.url().toString());
    Reconciler reconciler = new Reconciler(config, datadog);
    ChangedEvents changed = reconciler.scope(change, context);
    List<Diagnostic> warnings = changed.rendering().warnings();
    CompatibilityVerdict compatibility = new CompatibilityVerdict(new SchemaEvolution(config.compatibility().mode(),
        Runtime.getRuntime().availableProcessors(), config.limits().maxFileBytes())
        .check(change.baseRoot(), change.baseFiles(), change.headRoot(), change.headFiles()).report(), config.compatibility().enforce());
    if (write && compatibility.blocks()) {
      return CommandResult.blockedByCompatibility(compatibility, warnings);
    }
    Plan plan = reconciler.plan(changed, Registration.BY_PULL_REQUEST);
    if (!write) {
      return CommandResult.completed(planRows(plan), planSummary(plan), warnings).withCompatibility(compatibility);
    }
    List<Integer> open = openConflicts(plan, pullRequest, isOpen);
    if (!open.isEmpty() && config.register().refusesConflicts()) {
      return CommandResult.completed(conflictRows(plan, pullRequest, open), "", warnings)
          .withCompatibility(compatibility).withConflicts(new CommandResult.Conflicts(open, true));
    }
    ApplyResult result = reconciler.apply(plan);
    CommandResult outcome = CommandResult.completed(applyRows(result), applySummary(result), warnings)
        .withCompatibility(compatibility).withConflicts(new CommandResult.Conflicts(open, false));
    if (announcer != null && result.changedAnything()) {
      announcer.announce(pullRequest, outcome);
    }
    return outcome;
  }

  @Override
  public CommandResult restore(PullRequestSnapshot closed, Path defaultBranchRoot) {
    if (closed.changedFiles().isEmpty()) {
      return CommandResult.completed(List.of(), "");
    }
    RenderContext context = new RenderContext(closed.repositoryUrl() == null ? null : closed.repositoryUrl().toString(),
        closed.defaultBranch(), null);
    Rendering defaultBranch = new Workspace(config).render(
        new SchemaSource(defaultBranchRoot, new SchemaPaths(config.github().schemaPaths()).schemaFiles(defaultBranchRoot)),
        context);
    Reconciler reconciler = new Reconciler(config, datadog);
    Restoration restoration = reconciler.planRestore(change(closed), defaultBranch, closed.url().toString());
    String leftAlone = leftAlone(restoration.leftAlone());
    if (!restoration.plan().hasChanges() && !restoration.plan().hasConflicts()) {
      return CommandResult.completed(List.of(), leftAlone);
    }
    ApplyResult result = reconciler.apply(restoration.plan());
    List<Row> rows = applyRows(result).stream().filter(r -> r.action() != Action.UNCHANGED).toList();
    return CommandResult.completed(rows, leftAlone);
  }

  /** The events left alone on restore, said in a sentence; empty when none. */
  private static String leftAlone(Map<PullRequestLink, List<String>> byOthers) {
    if (byOthers.isEmpty()) {
      return "";
    }
    return "Left alone, because another pull request registered them last: " + byOthers.entrySet().stream()
        .map(e -> e.getValue().stream().map(n -> "`" + n.replace("`", "'") + "`").collect(Collectors.joining(", "))
            + " (" + (e.getKey().number() > 0 ? "#" + e.getKey().number() : e.getKey().url()) + ")")
        .collect(Collectors.joining("; ")) + ".";
  }

  /**
   * The monitors the plan changes that another pull request of this repository last registered,
   * by that pull request's number.
   */
  private static Map<Integer, List<String>> registeredByOthers(Plan plan, PullRequestSnapshot pullRequest) {
    String repository = pullRequest.repositoryUrl() == null ? null : pullRequest.repositoryUrl().toString();
    Map<Integer, List<String>> others = new java.util.TreeMap<>();
    plan.changesRegisteredByOthers(pullRequest.url().toString()).forEach((link, names) -> {
      if (link.number() > 0 && link.number() != pullRequest.number() && repository != null
          && repository.equals(link.repositoryUrl())) {
        others.computeIfAbsent(link.number(), n -> new java.util.ArrayList<>()).addAll(names);
      }
    });
    return others;
  }

  /** Those of {@link #registeredByOthers} still open: GitHub is asked once per pull request. */
  private static List<Integer> openConflicts(Plan plan, PullRequestSnapshot pullRequest, IntPredicate isOpen) {
    return registeredByOthers(plan, pullRequest).keySet().stream().filter(isOpen::test).toList();
  }

  /** {@code register.conflicts: refuse}: the monitors of the open pull requests, blocked; nothing written. */
  private List<Row> conflictRows(Plan plan, PullRequestSnapshot pullRequest, List<Integer> open) {
    List<Row> rows = new java.util.ArrayList<>();
    registeredByOthers(plan, pullRequest).forEach((number, names) -> {
      if (open.contains(number)) {
        plan.entries().stream()
            .filter(e -> (e.action() == Action.UPDATE || e.action() == Action.DELETE) && names.contains(e.monitorName().trim()))
            .forEach(e -> rows.add(new Row(Action.BLOCKED, e.monitorName(), name(e.event()),
                e.datadogId() == null ? null : datadog.monitorUrl(e.datadogId()), "#" + number)));
      }
    });
    return rows;
  }

  private static SchemaChange change(PullRequestSnapshot pullRequest) {
    return new SchemaChange(
        pullRequest.baseRoot(), files(pullRequest.baseRoot(), pullRequest, ChangedFile::basePath),
        pullRequest.headRoot(), files(pullRequest.headRoot(), pullRequest, ChangedFile::headPath));
  }

  private static List<Path> files(Path root, PullRequestSnapshot pullRequest, Function<ChangedFile, String> path) {
    return pullRequest.changedFiles().stream().map(path).filter(Objects::nonNull).map(root::resolve)
        .filter(Files::isRegularFile).toList();
  }

  private List<Row> planRows(Plan plan) {
    return plan.entries().stream().map(entry -> {
      URI url = entry.datadogId() == null ? null : datadog.monitorUrl(entry.datadogId());
      String details = switch (entry.action()) {
        case UPDATE -> fields(entry.differences());
        case BLOCKED -> entry.reason() + ": delete or rename the extra ones in Datadog";
        default -> entry.reason();
      };
      return new Row(entry.action(), entry.monitorName(), name(entry.event()), url, details);
    }).toList();
  }

  private static List<Row> applyRows(ApplyResult result) {
    if (result.refused()) {
      return result.conflicts().stream().map(c -> new Row(Action.BLOCKED, c.name(), name(c.event()), null,
          c.describe() + ": delete or rename the extra ones in Datadog")).toList();
    }
    return result.outcomes().stream().map(outcome -> {
      String details = outcome.error() != null ? outcome.error()
          : outcome.action() == Action.UPDATE ? fields(outcome.differences()) : "";
      URI url = outcome.action() == Action.DELETE ? null : outcome.url();
      return new Row(outcome.action(), outcome.name(), name(outcome.event()), url, details);
    }).toList();
  }

  private static String name(EventRef event) {
    return event == null ? "" : event.displayName();
  }

  private static String fields(List<FieldDifference> differences) {
    return differences.stream().map(FieldDifference::field).distinct().collect(Collectors.joining(", "));
  }

  private static String planSummary(Plan plan) {
    if (plan.hasConflicts()) {
      return "Registering would change nothing until each monitor name is carried by one managed monitor only.";
    }
    return plan.hasChanges()
        ? "Registering would create " + plan.creates().size() + ", update " + plan.updates().size() + " and delete "
            + plan.deletes().size() + " monitors; " + plan.unchanged().size() + " are up to date."
        : "No changes: the " + plan.unchanged().size() + " monitors in scope match the schemas.";
  }

  private static String applySummary(ApplyResult result) {
    if (result.refused()) {
      return "Nothing was changed in Datadog: two or more managed monitors share a name.";
    }
    return dev.esm.core.apply.ApplyPrinter.summary(result);
  }
}
