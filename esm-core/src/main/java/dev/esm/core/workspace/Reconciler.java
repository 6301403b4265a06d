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
import java.util.ArrayList;
import java.util.HashMap;
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
    List<DesiredMonitor> desired = switch (registration) {
      case BY_PULL_REQUEST -> rendering.monitors();
      case KEEPING_LAST_PULL_REQUEST -> keepingRegistrations(rendering.monitors(), managed);
    };
    return Planner.plan(desired, scope, managed, pruneKeeping, known);
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
