package dev.esm.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.config.Limits;
import dev.esm.core.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The loader agrees with Avro's own parser on real-world IDL (shared/corpus/expected.tsv). */
class CorpusTest {

  private static final Pattern COUNTS = Pattern.compile("(\\d+) named types, (\\d+) records, (\\d+) warnings");
  private static final Pattern LINE = Pattern.compile("at line (\\d+), column (\\d+)");

  static Path corpus() {
    String shared = System.getProperty("esm.shared.dir", "../../shared");
    Path dir = Path.of(shared, "corpus").toAbsolutePath().normalize();
    assertThat(dir.resolve("expected.tsv")).as("the shared corpus (../shared/corpus beside the checkout)").exists();
    return dir;
  }

  @TestFactory
  Stream<DynamicTest> loadsEveryCorpusFileAsExpected() throws IOException {
    Path corpus = corpus();
    List<String> rows = Files.readAllLines(corpus.resolve("expected.tsv")).stream().filter(l -> !l.isBlank()).toList();
    assertThat(rows).hasSizeGreaterThan(30);
    return rows.stream().map(row -> {
      String[] columns = row.split("\t", 3);
      Path file = corpus.resolve(columns[0]);
      return DynamicTest.dynamicTest(columns[0], () -> check(file, columns[1], columns[2]));
    });
  }

  private static void check(Path file, String outcome, String detail) {
    LoadedFile loaded = new SchemaLoader(corpus(), Limits.DEFAULT.maxFileBytes()).load(file);
    if (outcome.equals("ok")) {
      Matcher counts = COUNTS.matcher(detail);
      assertThat(counts.matches()).as(detail).isTrue();
      assertThat(loaded.hasErrors()).as("errors: %s", loaded.diagnostics()).isFalse();
      assertThat(loaded.namedTypes()).isEqualTo(Integer.parseInt(counts.group(1)));
      assertThat(loaded.records()).isEqualTo(Integer.parseInt(counts.group(2)));
      assertThat(loaded.diagnostics()).hasSize(Integer.parseInt(counts.group(3)));
      assertThat(loaded.events()).allSatisfy(e -> assertThat(e.isMonitored()).isFalse());
    } else {
      assertThat(loaded.parsed()).isFalse();
      Diagnostic error = loaded.diagnostics().get(0);
      assertThat(error.isError()).isTrue();
      assertThat(error.file()).isEqualTo(file);
      Matcher line = LINE.matcher(detail);
      if (line.find()) {
        assertThat(error.line()).isEqualTo(Integer.parseInt(line.group(1)));
        if (!detail.contains("Error importing")) {
          // ESM reads imports itself and points at the import keyword, Avro at the quoted path.
          assertThat(error.column()).isEqualTo(Integer.parseInt(line.group(2)));
        }
      }
    }
  }
}
