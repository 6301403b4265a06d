package dev.esm.core.diagnostic;

import java.util.List;

/** Schemas, annotations or configuration that cannot be used; carries every problem found. */
public final class InvalidInputException extends EsmException {

  private final List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(Kind.INVALID_INPUT, summary(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public InvalidInputException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    return errors == 1 ? diagnostics.get(0).format() : errors + " errors";
  }
}
