package dev.esm.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaLoaderTest {

  private final SchemaLoader loader = new SchemaLoader();

  @Test
  void namesTheMissingImportAndItsLine() {
    Path file = CorpusTest.corpus().resolve("avro/idl-input/import.avdl");

    Diagnostic error = loader.load(file).diagnostics().get(0);

    assertThat(error.format(CorpusTest.corpus()))
        .isEqualTo("avro/idl-input/import.avdl:25:13: error: cannot import \"OnTheClasspath.avdl\": no such file next to import.avdl");
  }

  @Test
  void findsTheLineOfARedefinedName() {
    Path file = CorpusTest.corpus().resolve("avro/idl-negative/duplicateNameErrorParsing.avdl");

    Diagnostic error = loader.load(file).diagnostics().get(0);

    assertThat(error.message()).isEqualTo("\"duplicateNameParseError.Foo\" is defined twice");
    assertThat(error.line()).isPositive();
  }

  @Test
  void turnsOutOfPlaceDocCommentsIntoWarningsWithTheirPosition() {
    LoadedFile loaded = loader.load(CorpusTest.corpus().resolve("avro/idl-input/comments.avdl"));

    assertThat(loaded.diagnostics()).hasSize(24).allSatisfy(d -> {
      assertThat(d.isError()).isFalse();
      assertThat(d.line()).isPositive();
      assertThat(d.message()).doesNotContain("\n");
    });
  }
}
