package dev.esm.core.schema;

import dev.esm.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code .avdl} file as loaded: the records it declares itself, and what the parser said.
 *
 * @param namedTypes named types Avro sees in the file, imported ones included
 * @param records records among them
 * @param parsed false when Avro could not parse the file (then {@code diagnostics} say why)
 */
public record LoadedFile(
    Path file,
    boolean parsed,
    int namedTypes,
    int records,
    List<EventDeclaration> events,
    SourceIndex index,
    List<Diagnostic> diagnostics) {

  public LoadedFile {
    events = List.copyOf(events);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
