package dev.esm.cli;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.diagnostic.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of the {@code esm} command. */
public final class Main {

  private Main() {}

  private static volatile boolean process;

  /** True when {@link #main} started this JVM (not a test calling {@link #run} in-process). */
  static boolean isProcess() {
    return process;
  }

  public static void main(String[] args) {
    process = true;
    configureLogging(args.length > 0 && args[0].equals("serve"));
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Avro logs its own warnings; ESM reports what matters as diagnostics, so the CLI keeps them out.
   * Only the service sends github-api's java.util.logging through SLF4J.
   */
  private static void configureLogging(boolean service) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", service ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.avro", "error");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty("org.slf4j.simpleLogger.log.org.kohsuke.github", service ? "warn" : "error");
    if (service) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
  }

  /** Runs one command; never throws for user mistakes, and returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new EsmCommand(environment));
    String named = args.length > 0 ? args[0] : null;
    EsmCommand.SUBCOMMANDS.forEach((name, command) -> {
      if (named == null || !EsmCommand.SUBCOMMANDS.containsKey(named) || name.equals(named)) {
        commandLine.addSubcommand(name, command.get());
      }
    });
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> report(exception, err));
    commandLine.setParameterExceptionHandler((exception, parsedArgs) -> {
      err.println("esm: " + exception.getMessage());
      String command = exception.getCommandLine().getCommandSpec().qualifiedName();
      err.println("Try '" + command + " --help'.");
      return ExitCode.USAGE;
    });
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  private static int report(Exception exception, PrintWriter err) {
    if (exception instanceof InvalidInputException invalid) {
      Path cwd = Path.of("").toAbsolutePath();
      invalid.diagnostics().forEach(d -> err.println(d.format(cwd)));
      long errors = invalid.diagnostics().stream().filter(d -> d.isError()).count();
      err.println(errors + (errors == 1 ? " error" : " errors") + "; nothing was written.");
      return ExitCode.INVALID;
    }
    if (exception instanceof EsmException esm) {
      err.println("esm: " + esm.getMessage());
      return switch (esm.kind()) {
        case INVALID_INPUT -> ExitCode.INVALID;
        case USAGE -> ExitCode.USAGE;
        case REMOTE -> ExitCode.REMOTE;
      };
    }
    err.println("esm: internal error: " + exception);
    exception.printStackTrace(err);
    return 70;
  }
}
