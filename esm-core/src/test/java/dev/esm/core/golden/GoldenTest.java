package dev.esm.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTest {

  @TempDir Path dir;

  @Test
  void aMissingFileFailsSayingHowToCreateItAndIsNotWritten() {
    Path file = dir.resolve("GoldenTest/out.txt");

    Throwable failure = catchThrowable(() -> Golden.assertMatches(file, "hello\n", false));

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessage("golden file " + file + " does not exist: run the test with -Desm.golden.update=true to create it,"
            + " then review it");
    assertThat(file).doesNotExist();
  }

  @Test
  void theUpdateFlagWritesTheFileThenADifferenceFails() throws Exception {
    Path file = dir.resolve("GoldenTest/out.txt");

    Golden.assertMatches(file, "hello\n", true);
    Golden.assertMatches(file, "hello\n", false);

    assertThat(Files.readString(file)).isEqualTo("hello\n");
    assertThat(catchThrowable(() -> Golden.assertMatches(file, "hello, world\n", false)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("-Desm.golden.update=true rewrites it");
  }

  @Test
  void filesLiveUnderTheTestClassesPackageAndName() {
    assertThat(Golden.file(GoldenTest.class, "x.md"))
        .isEqualTo(Path.of("src/test/resources/dev/esm/core/golden/GoldenTest/x.md"));
  }
}
