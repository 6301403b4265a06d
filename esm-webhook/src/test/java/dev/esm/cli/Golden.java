package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a whole output with a file under src/test/resources/&lt;package&gt;/&lt;TestClass&gt;/.
 * Run with {@code -Desm.golden.update=true} to rewrite the files after an intended change.
 */
final class Golden {

  private Golden() {}

  static void assertMatches(Class<?> testClass, String name, String actual) throws IOException {
    Path file = Path.of("src/test/resources", testClass.getPackageName().replace('.', '/'), testClass.getSimpleName(), name);
    if (Boolean.getBoolean("esm.golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
    }
    assertThat(file).as("golden file %s (run with -Desm.golden.update=true to create it)", file).exists();
    assertThat(actual).isEqualTo(Files.readString(file));
  }
}
