package dev.esm.core.workspace;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.render.RenderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes schema files into a directory and renders them, for tests. */
final class SchemaFixture {

  private final Path root;
  private EsmConfig config = new ConfigLoader().defaults();

  /** A repository at {@code root} (it holds {@code .git}): imports may reach anywhere inside it. */
  SchemaFixture(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve(".git"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SchemaFixture file(String relative, String text) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SchemaFixture config(String yaml) {
    this.config = new ConfigLoader().parse(yaml, root.resolve("esm.yaml"));
    return this;
  }

  Rendering render(String... paths) {
    List<Path> targets = paths.length == 0 ? List.of(root) : java.util.Arrays.stream(paths).map(root::resolve).toList();
    return new Workspace(config).render(SchemaSource.discover(targets), RenderContext.none());
  }

  /** Every diagnostic as the CLI prints it, or an empty list when the schemas are valid. */
  List<String> problems(String... paths) {
    try {
      return render(paths).warnings().stream().map(d -> d.format(root)).toList();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(d -> d.format(root)).toList();
    }
  }

  List<String> errors(String... paths) {
    try {
      render(paths);
      return List.of();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.format(root)).toList();
    }
  }
}
