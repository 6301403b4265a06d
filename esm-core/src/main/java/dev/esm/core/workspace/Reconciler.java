package dev.esm.core.workspace;

import dev.esm.core.apply.Applier;
import dev.esm.core.apply.ApplyResult;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.plan.Plan;
import dev.esm.core.plan.Planner;
import dev.esm.core.preflight.MonitorValidator;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.MessageComposer;
import dev.esm.core.render.MonitorDefinition;
import java.time.Duration;
import java.util.HashMap;
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

  /** Datadog settings from the environment, with the configuration's timeouts and retries. */
  public static DatadogSettings settings(EsmConfig config, Map<String, String> environment) {
    Duration timeout = Duration.ofSeconds(config.datadog().timeoutSeconds());
    return DatadogSettings.fromEnvironment(environment)
        .withTimeouts(timeout, timeout)
        .withRetries(config.datadog().maxRetries(), Duration.ofSeconds(1));
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
  public Plan plan(Rendering rendering, Set<String> scope, Set<String> pruneKeeping) {
    Plan plan = compare(rendering, scope, pruneKeeping);
    validate(plan);
    return plan;
  }

  /** {@link #plan} without Datadog's check: for a caller that writes only part of the plan and validates that part. */
  public Plan compare(Rendering rendering, Set<String> scope, Set<String> pruneKeeping) {
    int monitors = rendering.monitors().size();
    if (monitors > config.limits().maxMonitors()) {
      // Before Datadog is asked anything: nothing is listed, nothing is written.
      throw config.limits().exceeded("max_monitors", monitors + " monitors declared");
    }
    List<RemoteMonitor> managed = datadog.listByTag(config.identityTag());
    List<DesiredMonitor> desired = rendering.context().pullRequestUrl() != null
        ? rendering.monitors()
        : keepingRegistrations(rendering.monitors(), managed);
    return Planner.plan(desired, scope, managed, pruneKeeping);
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
      MonitorDefinition kept = new MonitorDefinition(body.name(), body.type(), body.query(), message, body.tags(),
          body.priority(), body.options());
      return new DesiredMonitor(kept, d.eventTag(), d.kind(), d.file(), d.line());
    }).toList();
  }

  public ApplyResult apply(Plan plan) {
    return new Applier(datadog, config.identityTag(), config.datadog().parallelism()).apply(plan);
  }
}
