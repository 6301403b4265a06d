package dev.esm.core.workspace;

import dev.esm.core.apply.Applier;
import dev.esm.core.apply.ApplyResult;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.plan.Plan;
import dev.esm.core.plan.Planner;
import dev.esm.core.preflight.MonitorValidator;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.EventRef;
import dev.esm.core.render.MessageComposer;
import dev.esm.core.render.MonitorDefinition;
import dev.esm.core.render.RenderContext;
import dev.esm.core.render.PullRequestLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans and applies what a rendering asks for against Datadog, within a scope of events. */
public final class Reconciler {

  private final EsmConfig config;
  private final DatadogMonitors datadog;

  public Reconciler(EsmConfig config, DatadogMonitors datadog) {
    this.config = config;
    this.datadog = datadog;
  }

  /**
   * The scope rule of a change (a pull request): the events declared by the changed files in
   * either version are reconciled, so a removed file or a removed record deletes its monitors;
   * their desired state is what the version after the change says. Events of other files are
   * never touched. Renders and reads only: nothing is asked of Datadog yet.
   */
  public ChangedEvents scope(SchemaChange change, RenderContext context) {
    Workspace workspace = new Workspace(config);
    Rendering rendering = workspace.render(new SchemaSource(change.headRoot(), change.headFiles()), context);
    List<EventRef> known = new ArrayList<>(rendering.eventRefs());
    known.addAll(workspace.declaredEvents(change.baseRoot(), change.baseFiles()));
    Set<String> tags = new LinkedHashSet<>(rendering.eventTags());
    known.forEach(e -> tags.add(e.tag()));
    return new ChangedEvents(rendering, tags, known);
  }

  /** Plans a change's events ({@link #scope}), checked by Datadog like {@link #plan(Rendering, Set, Set, Registration)}. */
  public Plan plan(ChangedEvents changed, Registration registration) {
    Plan plan = compare(changed.rendering(), changed.tags(), null, changed.known(), registration);
    validate(plan);
    return plan;
  }

  /** {@link #scope} then {@link #plan(ChangedEvents, Registration)}: a change reconciled in one call. */
  public Reconciliation planChange(SchemaChange change, RenderContext context, Registration registration) {
    ChangedEvents changed = scope(change, context);
    return new Reconciliation(changed.rendering(), plan(changed, registration));
  }

  /**
   * Lists the managed monitors (one paged listing) and plans: the events in {@code scope} get
   * exactly the monitors the rendering declares for them. Then every monitor to create or
   * update is checked with Datadog's own validation, so a plan returned here is one Datadog
   * accepts.
   *
   * @param pruneKeeping with prune, the event tags that still exist: managed monitors of any
   *     other event are deleted too; null without prune
   * @throws dev.esm.core.diagnostic.InvalidInputException when Datadog rejects a monitor
   */
  public Plan plan(Rendering rendering, Set<String> scope, Set<String> pruneKeeping, Registration registration) {
    Plan plan = compare(rendering, scope, pruneKeeping, registration);
    validate(plan);
    return plan;
  }

  /** {@link #plan} without Datadog's check: for a caller that writes only part of the plan and validates that part. */
  public Plan compare(Rendering rendering, Set<String> scope, Set<String> pruneKeeping, Registration registration) {
    return compare(rendering, scope, pruneKeeping, rendering.eventRefs(), registration);
  }

  private Plan compare(Rendering rendering, Set<String> scope, Set<String> pruneKeeping, List<EventRef> known,
      Registration registration) {
    int monitors = rendering.monitors().size();
    if (monitors > config.limits().maxMonitors()) {
      // Before Datadog is asked anything: nothing is listed, nothing is written.
      throw config.limits().exceeded("max_monitors", monitors + " monitors declared");
    }
    List<RemoteMonitor> managed = datadog.listByTag(config.identityTag());
    return Planner.plan(registered(rendering.monitors(), managed, registration), scope, managed, pruneKeeping, known);
  }

  private static List<DesiredMonitor> registered(List<DesiredMonitor> desired, List<RemoteMonitor> managed,
      Registration registration) {
    return switch (registration) {
      case BY_PULL_REQUEST -> desired;
      case KEEPING_LAST_PULL_REQUEST -> keepingRegistrations(desired, managed);
      case BY_DEFAULT_BRANCH -> desired.stream().map(Reconciler::withoutRegistration).toList();
    };
  }

  private static DesiredMonitor withoutRegistration(DesiredMonitor d) {
    MonitorDefinition body = d.definition();
    String message = MessageComposer.withoutRegistration(body.message());
    return message.equals(body.message()) ? d : d.withDefinition(new MonitorDefinition(body.name(), body.type(),
        body.query(), message, body.tags(), body.priority(), body.options()));
  }

  /**
   * Restore on close: the events a pull request closed unmerged changed ({@link #scope} of it)
   * are set back to what the default branch declares, registered by no pull request
   * ({@link Registration#BY_DEFAULT_BRANCH}): a monitor that differs is updated in place, one
   * the default branch does not declare is deleted, one it declares and Datadog lacks is created.
   * An event any of whose monitors another pull request last registered (read from the monitor
   * itself) is left alone, whole. Then Datadog's own check, as for every plan.
   *
   * <p>The pull request's events are read from its files as the lexer reads them, so that a
   * closed pull request whose schemas never became valid still gives its events back.
   *
   * @param change the closed pull request's changed files, base and head
   * @param defaultBranch every schema of the default branch under the paths, rendered with no
   *     pull request
   * @param pullRequestUrl the closed pull request's page, as its registrations name it
   */
  public Restoration planRestore(SchemaChange change, Rendering defaultBranch, String pullRequestUrl) {
    Workspace workspace = new Workspace(config);
    List<EventRef> events = new ArrayList<>(workspace.declaredEvents(change.baseRoot(), change.baseFiles()));
    events.addAll(workspace.declaredEvents(change.headRoot(), change.headFiles()));
    Set<String> tags = new LinkedHashSet<>();
    events.forEach(e -> tags.add(e.tag()));
    ChangedEvents changed = new ChangedEvents(defaultBranch, tags, events);
    List<RemoteMonitor> managed = datadog.listByTag(config.identityTag());
    Set<String> taken = new HashSet<>();
    for (RemoteMonitor monitor : managed) {
      PullRequestLink by = monitor.registeredBy();
      if (by != null && !by.names(pullRequestUrl)) {
        monitor.definition().tags().stream().map(String::trim).filter(changed.tags()::contains).forEach(taken::add);
      }
    }
    Map<PullRequestLink, List<String>> leftAlone = new TreeMap<>(
        Comparator.comparingInt(PullRequestLink::number).thenComparing(PullRequestLink::url));
    managed.stream().filter(m -> m.definition().tags().stream().map(String::trim).anyMatch(taken::contains))
        .filter(m -> m.registeredBy() != null && !m.registeredBy().names(pullRequestUrl))
        .sorted(Comparator.comparing(m -> m.definition().name()))
        .forEach(m -> leftAlone.computeIfAbsent(m.registeredBy(), k -> new ArrayList<>()).add(m.definition().name().trim()));
    Set<String> scope = new LinkedHashSet<>(changed.tags());
    scope.removeAll(taken);
    List<DesiredMonitor> declared = defaultBranch.monitors().stream().filter(d -> scope.contains(d.eventTag())).toList();
    if (declared.size() > config.limits().maxMonitors()) {
      throw config.limits().exceeded("max_monitors", declared.size() + " monitors declared");
    }
    List<EventRef> known = new ArrayList<>(defaultBranch.eventRefs()); // full names first
    known.addAll(changed.known());
    Plan plan = Planner.plan(registered(declared, managed, Registration.BY_DEFAULT_BRANCH), scope, managed, null, known);
    validate(plan);
    return new Restoration(plan, leftAlone);
  }

  /**
   * Datadog's own check of every monitor the plan creates or updates, before anything is written.
   *
   * @throws dev.esm.core.diagnostic.InvalidInputException when Datadog rejects a monitor
   */
  public void validate(Plan plan) {
    new MonitorValidator(datadog, config.datadog().parallelism()).check(plan);
  }

  /** Without a pull request of its own, a monitor keeps the one that last registered it. */
  private static List<DesiredMonitor> keepingRegistrations(List<DesiredMonitor> desired, List<RemoteMonitor> managed) {
    Map<String, String> currentMessages = new HashMap<>();
    managed.forEach(m -> currentMessages.putIfAbsent(m.definition().name().trim(), m.definition().message()));
    return desired.stream().map(d -> {
      MonitorDefinition body = d.definition();
      String message = MessageComposer.keepRegistration(body.message(), currentMessages.get(body.name()));
      if (message.equals(body.message())) {
        return d;
      }
      return d.withDefinition(new MonitorDefinition(body.name(), body.type(), body.query(), message, body.tags(),
          body.priority(), body.options()));
    }).toList();
  }

  public ApplyResult apply(Plan plan) {
    return new Applier(datadog, config.identityTag(), config.datadog().parallelism()).apply(plan);
  }
}
