package dev.esm.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.esm.core.diagnostic.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile imports and input: refused at the import's line, nothing of the target opened or quoted. */
class UntrustedSchemaTest {

  static final String MARKER = "OUTSIDE-MARKER-7f3a9c";

  @TempDir
  Path temp;
  Path repository;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    repository = Files.createDirectories(temp.resolve("repo"));
    Files.createDirectories(repository.resolve(".git"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.avdl"), MARKER + " protocol X {}\n");
    Files.writeString(outside.resolve("secret.avsc"), "{\"AccessKeyId\": \"" + MARKER + "\"}\n");
  }

  private List<String> problems(String importLine) throws IOException {
    return problems(importLine, 1 << 20);
  }

  private List<String> problems(String importLine, long maxFileBytes) throws IOException {
    Path file = write("schemas/cart.avdl", "protocol Cart {\n  record Clicked { string id; }\n  " + importLine + "\n}\n");
    return load(file, maxFileBytes);
  }

  private List<String> load(Path file, long maxFileBytes) {
    LoadedFile loaded = new SchemaLoader(repository, maxFileBytes).load(file);
    return loaded.diagnostics().stream().map(d -> d.format(repository)).toList();
  }

  private Path write(String relative, String text) throws IOException {
    Path file = repository.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void refusesAnAbsoluteImportAtItsLine() throws IOException {
    assertThat(problems("import idl \"/etc/passwd\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"/etc/passwd\" is outside the repository");
    assertThat(problems("import schema \"" + outside.resolve("secret.avsc") + "\";")).singleElement().asString()
        .endsWith("is outside the repository").doesNotContain(MARKER);
  }

  @Test
  void refusesAnImportThatClimbsOutOfTheRepository() throws IOException {
    assertThat(problems("import idl \"../../outside/secret.avdl\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"../../outside/secret.avdl\" is outside the repository");
  }

  @Test
  void refusesImportsThroughSymbolicLinksWhereverTheyPoint() throws IOException {
    Files.createDirectories(repository.resolve("schemas"));
    Files.createSymbolicLink(repository.resolve("schemas/link.avsc"), outside.resolve("secret.avsc"));
    Files.writeString(repository.resolve("schemas/inside.avsc"), "\"string\"");
    Files.createSymbolicLink(repository.resolve("schemas/inner-link.avsc"), repository.resolve("schemas/inside.avsc"));
    Files.createSymbolicLink(repository.resolve("linked-folder"), outside);

    assertThat(problems("import schema \"link.avsc\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"link.avsc\" is a symbolic link (ESM follows no links)");
    assertThat(problems("import schema \"inner-link.avsc\";")).singleElement().asString().contains("symbolic link");
    assertThat(problems("import idl \"../linked-folder/secret.avdl\";")).singleElement().asString().contains("symbolic link");
  }

  @Test
  void refusesDevicesFoldersAndUrlsWithoutOpeningThem() throws IOException {
    assertThat(problems("import idl \"/dev/zero\";")).singleElement().asString().endsWith("is outside the repository");
    write("schemas/dir/x.avdl", "protocol X {}");
    assertThat(problems("import idl \"dir\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"dir\" is a folder, not a file");
    assertThat(problems("import idl \"http://127.0.0.1:9/x.avdl\";")).singleElement().asString()
        .endsWith("is outside the repository");
    assertThat(problems("import idl \"classpath:/dev/esm/core/config/defaults.yaml\";")).singleElement().asString()
        .endsWith("is outside the repository");
    // Avro itself falls back to the class path for an import it cannot find as a file.
    assertThat(problems("import idl \"dev/esm/core/config/defaults.yaml\";")).singleElement().asString()
        .endsWith("does not exist next to cart.avdl");
  }

  @Test
  void refusesAPipeWithoutBlocking() throws Exception {
    Path fifo = repository.resolve("schemas/pipe.avdl");
    Files.createDirectories(fifo.getParent());
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      mkfifo = null;
    }
    assumeTrue(mkfifo != null && mkfifo.waitFor() == 0, "mkfifo is available");

    assertThat(problems("import idl \"pipe.avdl\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"pipe.avdl\" is not a regular file (a device, pipe or socket)");
  }

  @Test
  void appliesTheFileSizeLimitToImports() throws IOException {
    write("schemas/big.avdl", "protocol Big {}" + " ".repeat(2000));

    assertThat(problems("import idl \"big.avdl\";", 1000)).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"big.avdl\": limits.max_file_bytes is 1000; got 2015 bytes");
  }

  @Test
  void appliesTheFileSizeLimitToTheFileItself() throws IOException {
    Path file = write("schemas/huge.avdl", "protocol Huge {}" + " ".repeat(5000));

    assertThat(load(file, 1000)).containsExactly(
        "schemas/huge.avdl: error: the file: limits.max_file_bytes is 1000; got 5016 bytes");
  }

  @Test
  void neverQuotesAnInvalidImportedFile() throws IOException {
    write("schemas/keys.avsc", "{\"AccessKeyId\": \"" + MARKER + "\"}");
    write("schemas/keys.avdl", MARKER + " protocol {");

    assertThat(problems("import schema \"keys.avsc\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"keys.avsc\": the imported file is not a valid Avro schema (JSON)");
    assertThat(problems("import idl \"keys.avdl\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"keys.avdl\": the imported file is not valid Avro IDL");
  }

  @Test
  void importsInsideTheRepositoryStillWork() throws IOException {
    write("common/types.avdl", "protocol Types { import schema \"money.avsc\"; record PageViewed { Money price; } }");
    write("common/money.avsc", "{\"type\": \"record\", \"name\": \"Money\", \"fields\": [{\"name\": \"cents\", \"type\": \"long\"}]}");

    Path file = write("schemas/cart.avdl", "protocol Cart {\n  import idl \"../common/types.avdl\";\n"
        + "  record Clicked { PageViewed page; }\n}\n");
    LoadedFile loaded = new SchemaLoader(repository, 1 << 20).load(file);

    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.namedTypes()).isEqualTo(3);
    assertThat(loaded.events()).extracting(EventDeclaration::name).containsExactly("Clicked");
  }

  @Test
  void namesANestedImportsProblemWithoutQuotingTheImportedFile() throws IOException {
    write("schemas/middle.avdl", "protocol Middle { import idl \"/etc/" + MARKER + "\"; }");

    assertThat(problems("import idl \"middle.avdl\";")).containsExactly(
        "schemas/cart.avdl:3:3: error: import \"middle.avdl\": a file it imports is outside the repository");
  }

  @Test
  void reportsLexerErrorsAtTheirLinesCappedAndPrintsNothing() throws IOException {
    Path file = write("schemas/junk.avdl", "protocol P {\n  ^\n}\n" + "^".repeat(1 << 19));
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> problems;
    try {
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      problems = load(file, 1 << 20);
    } finally {
      System.setErr(err);
      System.setOut(out);
    }

    assertThat(printed.size()).isZero();
    assertThat(problems).hasSize(IdlTokens.MAX_LEXER_ERRORS + 1);
    assertThat(problems.get(0)).isEqualTo("schemas/junk.avdl:2:3: error: syntax error: unexpected character '^'");
    assertThat(problems.get(IdlTokens.MAX_LEXER_ERRORS)).endsWith("more unreadable characters follow; ESM stops after 20");
  }

  @Test
  void endsADeepImportChainWithADiagnostic() throws IOException {
    for (int i = 0; i < 1200; i++) {
      write("chain/f" + i + ".avdl", "protocol F" + i + " { import idl \"f" + (i + 1) + ".avdl\"; record R" + i + " { int x; } }");
    }
    write("chain/f1200.avdl", "protocol Last {}");

    List<String> problems = load(repository.resolve("chain/f0.avdl"), 1 << 20);

    assertThat(problems).containsExactly("chain/f0.avdl:1:15: error: import \"f1.avdl\": a file it imports: imports nest deeper than "
        + SchemaLoader.MAX_IMPORT_DEPTH + " files");
  }

  @Test
  void parsesATwoThousandLineDocComment() throws IOException {
    StringBuilder text = new StringBuilder("protocol P {\n  /**\n");
    for (int i = 0; i < 2000; i++) {
      text.append("   * line ").append(i).append('\n');
    }
    text.append("   */\n  record R { int x; }\n}\n");
    Path file = write("schemas/doc.avdl", text.toString());

    LoadedFile loaded = new SchemaLoader(repository, 1 << 20).load(file);

    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.parsed()).isTrue();
  }

  @Test
  void endsADocCommentAsLargeAsTheLimitAllowsInDiagnosticsAtMost() throws IOException {
    Path file = write("schemas/doc.avdl", "protocol P {\n  /**\n" + "*\n".repeat(500_000) + "   */\n  record R { int x; }\n}\n");

    LoadedFile loaded = new SchemaLoader(repository, 1 << 20).load(file);

    assertThat(loaded.parsed() || loaded.diagnostics().get(0).message().contains("ran out of stack")).isTrue();
  }
}
