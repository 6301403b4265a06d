package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole outputs compared with files under {@code src/test/resources/<package>/<TestClass>/}.
 * Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
final class Golden {

  private Golden() {}

  static void assertMatches(Class<?> test, String name, String actual) {
    Path file = Path.of("src/test/resources", test.getPackageName().replace('.', '/'), test.getSimpleName(), name);
    try {
      if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("golden.update")) {
          throw new AssertionError("golden file " + file + " did not exist; it was written: review it and run again");
        }
      }
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
