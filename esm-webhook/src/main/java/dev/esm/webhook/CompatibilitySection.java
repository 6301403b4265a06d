package dev.esm.webhook;

import dev.esm.core.compat.Incompatibility;
import dev.esm.github.PullRequestSnapshot;
import java.util.List;

/**
 * The "Schema compatibility" section of the plan and register comments: each incompatible change
 * at its line (linked at the head commit), with Avro's type, the field, and how to fix it. Shown
 * only when a change is incompatible.
 */
final class CompatibilitySection {

  private CompatibilitySection() {}

  static void render(CommentBuilder out, PullRequestSnapshot pr, CompatibilityVerdict verdict) {
    List<Incompatibility> found = verdict.report().incompatibilities();
    if (found.isEmpty()) {
      return;
    }
    String mode = verdict.report().mode().yamlName();
    String changes = found.size() + " incompatible " + (found.size() == 1 ? "change" : "changes");
    out.paragraph("#### " + (verdict.enforced() ? "⛔" : "⚠️") + " Schema compatibility: " + changes + " (" + mode + ")");
    out.paragraph(verdict.enforced()
        ? "`compatibility.enforce` is on: `esm register` writes nothing while a change is incompatible."
        : "A warning: consumers of these events may fail to read them. `compatibility.enforce: true` would block registering.");
    out.openSection(found.size() > ResultCommentRenderer.FOLD_AFTER ? changes : null, null);
    for (Incompatibility incompatibility : found) {
      out.line("- " + ResultCommentRenderer.diagnostic(pr, incompatibility.toDiagnostic(true)));
    }
    out.closeSection();
  }
}
