package dev.esm.cli;

import dev.esm.core.workspace.Rendering;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Small formatting helpers shared by the commands. */
final class Output {

  private Output() {}

  static void warnings(PrintWriter err, Rendering rendering) {
    Path cwd = Path.of("").toAbsolutePath();
    rendering.warnings().forEach(w -> err.println(w.format(cwd)));
    err.flush();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
