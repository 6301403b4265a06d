package dev.esm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the esm command in-process and keeps what it printed. */
record CliRun(int status, String out, String err) {

  static CliRun of(String... args) {
    return withEnvironment(java.util.Map.of(), args);
  }

  static CliRun withEnvironment(java.util.Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    return new CliRun(status, out.toString(), err.toString());
  }
}
