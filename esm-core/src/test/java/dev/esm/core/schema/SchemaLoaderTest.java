package dev.esm.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.Limits;
import dev.esm.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaLoaderTest {

  private final SchemaLoader loader = new SchemaLoader(CorpusTest.corpus(), Limits.DEFAULT.maxFileBytes());

  @Test
  void namesTheMissingImportAndItsLine() {
    Path file = CorpusTest.corpus().resolve("avro/idl-input/import.avdl");

    Diagnostic error = loader.load(file).diagnostics().get(0);

    assertThat(error.format(CorpusTest.corpus()))
        .isEqualTo("avro/idl-input/import.avdl:25:3: error: import \"OnTheClasspath.avdl\" does not exist next to import.avdl");
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
