package dev.esm.core.apply;

import dev.esm.core.plan.Plan;
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

  /** What happened to one monitor. */
  public enum Status {
    CREATED,
    UPDATED,
    DELETED,
    UNCHANGED,
    /** Not deleted: Datadog says an SLO or a composite monitor uses it. */
    BLOCKED,
    /** Datadog refused or kept failing, after the client's retries; see the error. */
    FAILED
  }

  /**
   * @param status what happened
   * @param name the monitor's name
   * @param id its Datadog ID; null when a create failed
   * @param url its page in Datadog; null when it has no ID or was deleted
   * @param error why it was blocked or failed; null otherwise
   */
  public record Outcome(Status status, String name, Long id, URI url, String error) {
    public Outcome {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(name, "name");
    }
  }

  /** True when the apply wrote nothing because of conflicting names. */
  public boolean refused() {
    return !conflicts.isEmpty();
  }

  /** True when some monitor failed, or the apply was refused: Datadog does not match the schemas. */
  public boolean hasFailures() {
    return refused() || outcomes.stream().anyMatch(o -> o.status() == Status.FAILED);
  }

  /** True when a deletion was blocked by an SLO or a composite monitor. */
  public boolean hasBlocked() {
    return outcomes.stream().anyMatch(o -> o.status() == Status.BLOCKED);
  }

  public long count(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public List<Outcome> outcomes(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).toList();
  }
}
