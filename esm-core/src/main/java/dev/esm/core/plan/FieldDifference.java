package dev.esm.core.plan;

/**
 * One field that differs between Datadog and the annotation, after normalising both sides.
 *
 * @param field the field's path, e.g. {@code query}, {@code tags}, {@code options.thresholds.critical}
 * @param oldValue the value in Datadog (a JSON value: String, Long, Double, Boolean, List, Map), or
 *     null when absent
 * @param newValue the value the annotation asks for, or null when absent
 */
public record FieldDifference(String field, Object oldValue, Object newValue) {}
