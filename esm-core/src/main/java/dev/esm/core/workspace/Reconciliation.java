package dev.esm.core.workspace;

import dev.esm.core.plan.Plan;

/** What a change's schemas declare, and the plan that makes Datadog match them. */
public record Reconciliation(Rendering rendering, Plan plan) {}
