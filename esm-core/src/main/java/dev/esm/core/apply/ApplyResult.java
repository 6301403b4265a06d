package dev.esm.core.apply;

import dev.esm.core.plan.Action;
import dev.esm.core.plan.FieldDifference;
import dev.esm.core.plan.Plan;
import dev.esm.core.render.EventRef;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What an apply did, monitor by monitor.
 *
 * @param outcomes one per monitor of the plan, by name
 * @param conflicts the names several managed monitors share; when any, nothing was written
 */
public record ApplyResult(List<Outcome> outcomes, List<Plan.Conflict> conflicts) {

  public ApplyResult {
    outcomes =
        outcomes.stream()
            .sorted(
                Comparator.comparing(Outcome::name)
                    .thenComparing(o -> o.id() == null ? Long.MIN_VALUE : o.id()))
            .toList();
    conflicts = List.copyOf(conflicts);
  }

  /**
   * What happened to one monitor.
   *
   * @param action what was done: {@link Action#BLOCKED} when Datadog says an SLO or a composite
   *     monitor uses it, {@link Action#FAILED} when Datadog refused or kept failing
   * @param event the event it watches; null when the monitor carries no event tag
   * @param name the monitor's name
   * @param id its Datadog ID; null when a create failed
   * @param url its page in Datadog; null when it has no ID or was deleted
   * @param differences the fields an update changed (or meant to); empty otherwise
   * @param error why it was blocked or failed; null otherwise
   */
  public record Outcome(Action action, EventRef event, String name, Long id, URI url,
      List<FieldDifference> differences, String error) {
    public Outcome {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(name, "name");
      differences = List.copyOf(differences == null ? List.of() : differences);
    }

    /** An outcome of a monitor whose event and differences do not matter (tests, printers). */
    public Outcome(Action action, String name, Long id, URI url, String error) {
      this(action, null, name, id, url, List.of(), error);
    }
  }

  /** True when the apply wrote nothing because of conflicting names. */
  public boolean refused() {
    return !conflicts.isEmpty();
  }

  /** True when some monitor failed, or the apply was refused: Datadog does not match the schemas. */
  public boolean hasFailures() {
    return refused() || outcomes.stream().anyMatch(o -> o.action() == Action.FAILED);
  }

  /** True when a deletion was blocked by an SLO or a composite monitor. */
  public boolean hasBlocked() {
    return outcomes.stream().anyMatch(o -> o.action() == Action.BLOCKED);
  }

  /** True when some monitor was created, updated or deleted. */
  public boolean changedAnything() {
    return count(Action.CREATE) + count(Action.UPDATE) + count(Action.DELETE) > 0;
  }

  public long count(Action action) {
    return outcomes.stream().filter(o -> o.action() == action).count();
  }

  public List<Outcome> outcomes(Action action) {
    return outcomes.stream().filter(o -> o.action() == action).toList();
  }
}
