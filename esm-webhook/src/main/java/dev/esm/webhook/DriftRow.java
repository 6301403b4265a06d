package dev.esm.webhook;

import dev.esm.core.drift.DriftKind;
import java.net.URI;
import java.util.List;

/**
 * One drifted monitor as the drift issue and Slack show it.
 *
 * @param datadogUrl its page in Datadog; null when missing
 * @param owner the owning team, or null when unknown
 * @param schemaUrl the schema file that declares it (at its line), or null when no schema does
 * @param schemaPath that file's path in the repository, or null
 * @param fields for an edit, the fields that differ
 */
record DriftRow(DriftKind kind, String name, Long id, URI datadogUrl, String owner, URI schemaUrl, String schemaPath,
    List<String> fields) {

  DriftRow {
    fields = List.copyOf(fields);
  }

  /** What identifies it from one check to the next: its kind and name. */
  String key() {
    return kind.key() + "|" + name;
  }
}
