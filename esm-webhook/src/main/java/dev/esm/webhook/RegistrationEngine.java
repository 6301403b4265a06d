package dev.esm.webhook;

import dev.esm.core.apply.ApplyResult;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Reconciler;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaEvolution;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.ChangedFile;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.webhook.CommandResult.Action;
import dev.esm.webhook.CommandResult.Row;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine behind {@code esm plan} and {@code esm register} on a pull request. The scope is
 * the events declared by the changed schema files in either version, so a removed file or a
 * removed record deletes its monitors; their desired state is what the head version says.
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

  /** The Datadog port with each call counted for {@code /metrics}. */
  public static DatadogMonitors counting(DatadogMonitors datadog, CallCounter counter) {
    return new CountingDatadogMonitors(datadog, counter);
  }

  @Override
  public CommandResult plan(PullRequestSnapshot pullRequest) {
    return run(pullRequest, false);
  }

  @Override
  public CommandResult register(PullRequestSnapshot pullRequest) {
    return run(pullRequest, true);
  }

  private CommandResult run(PullRequestSnapshot pullRequest, boolean write) {
    if (pullRequest.changedFiles().isEmpty()) {
      return CommandResult.completed(List.of(), "This pull request changes no `.avdl` schema"
          + (config.github().schemaPaths().equals(List.of("")) ? "" : " under " + config.github().schemaPaths())
          + ": there is nothing to register.");
    }
    Workspace workspace = new Workspace(config);
    List<Path> headFiles = files(pullRequest.headRoot(), pullRequest.changedFiles().stream().map(ChangedFile::headPath).toList());
    List<Path> baseFiles = files(pullRequest.baseRoot(), pullRequest.changedFiles().stream().map(ChangedFile::basePath).toList());
    RenderContext context = new RenderContext(pullRequest.repositoryUrl().toString(), pullRequest.defaultBranch(),
        pullRequest.url().toString());
    Rendering rendering = workspace.render(new SchemaSource(pullRequest.headRoot(), headFiles), context);
    Set<String> scope = new LinkedHashSet<>(rendering.eventTags());
    scope.addAll(workspace.declaredEventTags(pullRequest.baseRoot(), baseFiles));
    CompatibilityVerdict compatibility = new CompatibilityVerdict(
        new SchemaEvolution(config.compatibility().mode(), Runtime.getRuntime().availableProcessors(),
            config.limits().maxFileBytes()).check(pullRequest.baseRoot(), baseFiles, pullRequest.headRoot(), headFiles).report(), config.compatibility().enforce());
    if (write && compatibility.blocks()) {
      return CommandResult.blockedByCompatibility(compatibility, rendering.warnings());
    }

    Reconciler reconciler = new Reconciler(config, datadog);
    Plan plan = reconciler.plan(rendering, scope, null);
    if (!write) {
      return CommandResult.completed(planRows(plan), planSummary(plan), rendering.warnings()).withCompatibility(compatibility);
    }
    ApplyResult result = reconciler.apply(plan);
    List<Row> rows = applyRows(result, plan);
    CommandResult outcome = CommandResult.completed(rows, applySummary(result), rendering.warnings())
        .withCompatibility(compatibility);
    if (announcer != null && (result.count(ApplyResult.Status.CREATED) + result.count(ApplyResult.Status.UPDATED)
        + result.count(ApplyResult.Status.DELETED)) > 0) {
      announcer.announce(pullRequest, outcome);
    }
    return outcome;
  }

  private static List<Path> files(Path root, List<String> paths) {
    return paths.stream().filter(Objects::nonNull).map(root::resolve).filter(Files::isRegularFile).toList();
  }

  private List<Row> planRows(Plan plan) {
    List<Row> rows = new ArrayList<>();
    plan.creates().forEach(c -> rows.add(Row.of(Action.CREATE, c.name(), event(c.name()), null)));
    plan.updates().forEach(u -> rows.add(new Row(Action.UPDATE, u.name(), event(u.name()), datadog.monitorUrl(u.id()),
        differences(u.differences()))));
    plan.deletes().forEach(d -> rows.add(new Row(Action.DELETE, d.name(), event(d.name()), datadog.monitorUrl(d.id()),
        "no longer declared")));
    plan.conflicts().forEach(c -> rows.add(conflictRow(c)));
    plan.unchanged().forEach(u -> rows.add(Row.of(Action.UNCHANGED, u.name(), event(u.name()), datadog.monitorUrl(u.id()))));
    return rows;
  }

  private List<Row> applyRows(ApplyResult result, Plan plan) {
    List<Row> rows = new ArrayList<>();
    if (result.refused()) {
      result.conflicts().forEach(c -> rows.add(conflictRow(c)));
      return rows;
    }
    for (ApplyResult.Outcome outcome : result.outcomes()) {
      Action action = switch (outcome.status()) {
        case CREATED -> Action.CREATE;
        case UPDATED -> Action.UPDATE;
        case DELETED -> Action.DELETE;
        case UNCHANGED -> Action.UNCHANGED;
        case BLOCKED -> Action.BLOCKED;
        case FAILED -> Action.FAILED;
      };
      String details = outcome.error() != null ? outcome.error() : action == Action.UPDATE ? plan.updates().stream()
          .filter(u -> u.name().equals(outcome.name())).findFirst().map(u -> differences(u.differences())).orElse("") : "";
      URI url = action == Action.DELETE ? null : outcome.url();
      rows.add(new Row(action, outcome.name(), event(outcome.name()), url, details));
    }
    return rows;
  }

  private static Row conflictRow(Plan.Conflict conflict) {
    return new Row(Action.BLOCKED, conflict.name(), event(conflict.name()), null,
        conflict.describe() + ": delete or rename the extra ones in Datadog");
  }

  private static String differences(List<FieldDifference> differences) {
    return differences.stream().map(FieldDifference::field).distinct().collect(Collectors.joining(", "));
  }

  /** {@code Traffic Drop (weekend) with AddToCartEvent} → {@code AddToCartEvent}. */
  static String event(String monitorName) {
    int at = monitorName.lastIndexOf(" with ");
    return at < 0 ? "" : monitorName.substring(at + " with ".length());
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
