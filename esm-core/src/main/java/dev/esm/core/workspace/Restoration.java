package dev.esm.core.workspace;

import dev.esm.core.plan.Plan;
import dev.esm.core.render.PullRequestLink;
import java.util.List;
import java.util.Map;

/**
 * What giving back a closed pull request's events takes ({@link Reconciler#planRestore}).
 *
 * @param plan what makes the events Datadog holds match the default branch again
 * @param leftAlone the monitors of events left alone because another pull request last registered
 *     them, by that pull request
 */
public record Restoration(Plan plan, Map<PullRequestLink, List<String>> leftAlone) {

  public Restoration {
    leftAlone = Map.copyOf(leftAlone);
  }
}
