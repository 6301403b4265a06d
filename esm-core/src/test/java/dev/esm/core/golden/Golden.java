package dev.esm.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one golden-file check of every module: a whole output compared with the file
 * {@code src/test/resources/<package>/<TestClass>/<name>}. After an intended change, run the tests
 * with {@code -Desm.golden.update=true} to (re)write the files, then review the diff. A missing
 * file fails the test, saying how to create it; it is never written without the flag.
 */
public final class Golden {

  /** The one flag that rewrites golden files. */
  public static final String UPDATE_PROPERTY = "esm.golden.update";

  private Golden() {}

  public static void assertMatches(Class<?> testClass, String name, String actual) {
    assertMatches(file(testClass, name), actual, Boolean.getBoolean(UPDATE_PROPERTY));
  }

  static Path file(Class<?> testClass, String name) {
    return Path.of("src/test/resources", testClass.getPackageName().replace('.', '/'), testClass.getSimpleName(), name);
  }

  static void assertMatches(Path file, String actual, boolean update) {
    try {
      if (update) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      if (!Files.exists(file)) {
        throw new AssertionError("golden file " + file + " does not exist: run the test with -D" + UPDATE_PROPERTY
            + "=true to create it, then review it");
      }
      assertThat(actual).as("output compared with golden file %s (-D%s=true rewrites it)", file, UPDATE_PROPERTY)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
