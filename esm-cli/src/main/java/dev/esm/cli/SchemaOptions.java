package dev.esm.cli;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.SchemaSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The options every schema-reading command shares: paths, {@code --config}, {@code --env}. */
final class SchemaOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Schema files or directories (default: the current directory).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: $ESM_CONFIG, else esm.yaml in the current directory, else built-in defaults).")
  Path config;

  @Option(names = "--env", paramLabel = "NAME", description = "Environment; overrides the configuration's (monitors are tagged esm-NAME).")
  String environment;

  /** The configuration, found the one way of every front end ({@link ConfigLoader#locate}), then {@code --env}. */
  EsmConfig loadConfig() {
    EsmConfig loaded = new ConfigLoader().locate(config, ((EsmCommand) mixee.root().userObject()).environment());
    if (environment != null) {
      if (!environment.matches("^[a-z0-9][a-z0-9_-]*$")) {
        throw new EsmException(EsmException.Kind.USAGE,
            "--env must be lower-case letters, digits, - or _; got \"" + environment + "\"");
      }
      loaded = loaded.withEnvironment(environment);
    }
    return loaded;
  }

  SchemaSource source() {
    return SchemaSource.discover(paths);
  }

  static RenderContext renderContext(EsmConfig config) {
    return new RenderContext(config.repository().url(), config.repository().branch(), null);
  }
}
