package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.datadog.fake.FakeDatadog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile schemas through the command line: a marker in files outside the repository and a secret
 * in the environment must appear in nothing ESM prints, on its writers or on the process's own
 * standard streams, and nothing is written to Datadog.
 */
class UntrustedSchemasCommandTest {

  static final String MARKER = "OUTSIDE-FILE-MARKER-b41d";
  static final String SECRET = "SECRET-IN-ENV-9e27c1";

  @TempDir Path temp;
  Path repo;
  Path outside;
  FakeDatadog datadog;
  final ByteArrayOutputStream streams = new ByteArrayOutputStream();
  PrintStream savedOut;
  PrintStream savedErr;

  @BeforeEach
  void setUp() throws Exception {
    datadog = FakeDatadog.start();
    repo = Files.createDirectories(temp.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve("schemas"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.avdl"), MARKER + "\nprotocol Secret { record " + MARKER.replace('-', '_') + " {} }\n");
    Files.writeString(outside.resolve("keys.json"),
        "{\"AccessKeyId\": \"" + MARKER + "\", \"SecretAccessKey\": \"" + MARKER + "\"}\n");
    Files.writeString(outside.resolve("token.avsc"), MARKER + "-ghp_0123456789abcdef\n");
    Files.createDirectories(outside.resolve("folder"));
    Files.createSymbolicLink(repo.resolve("schemas/link.json"), outside.resolve("keys.json"));
    Files.createSymbolicLink(repo.resolve("schemas/outside"), outside);
    Files.writeString(repo.resolve("schemas/keys.json"), "{\"AccessKeyId\": \"" + SECRET + "\"}");
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(streams, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(streams, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(savedOut);
    System.setErr(savedErr);
    datadog.close();
  }

  private void schema(String name, String... imports) throws IOException {
    StringBuilder text = new StringBuilder("protocol Cart {\n");
    for (String line : imports) {
      text.append("  ").append(line).append('\n');
    }
    text.append("  @monitor({\"type\": \"no_traffic\"})\n  @owner(\"team-cart\")\n  record Clicked { string id; }\n}\n");
    Files.writeString(repo.resolve("schemas").resolve(name), text.toString());
  }

  private CliRun esm(String... args) {
    Map<String, String> environment = new HashMap<>(datadog.environment());
    environment.put("ESM_SLACK_WEBHOOK_URL", "https://hooks.example/" + SECRET);
    environment.put("GITHUB_TOKEN", SECRET);
    return CliRun.withEnvironment(environment, args);
  }

  private void assertNothingLeaks(CliRun run) {
    String everything = run.out() + run.err() + streams.toString(StandardCharsets.UTF_8);
    assertThat(everything).doesNotContain(MARKER).doesNotContain(SECRET).doesNotContain(FakeDatadog.API_KEY)
        .doesNotContain(FakeDatadog.APP_KEY).doesNotContain("ghp_").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(streams.size()).as("printed past the command's own writers").isZero();
  }

  @Test
  void refusesEveryImportThatLeavesTheRepositoryAndQuotesNothingOfIt() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", repo.resolve("schemas/pipe.avdl").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    schema("cart.avdl",
        "import idl \"" + outside.resolve("secret.avdl") + "\";",
        "import schema \"" + outside.resolve("keys.json") + "\";",
        "import idl \"../../outside/secret.avdl\";",
        "import schema \"link.json\";",
        "import idl \"outside/secret.avdl\";",
        "import idl \"/dev/zero\";",
        "import idl \"pipe.avdl\";",
        "import idl \"../../outside/folder\";",
        "import schema \"/proc/self/environ\";",
        "import schema \"keys.json\";",
        "import schema \"" + outside.resolve("token.avsc") + "\";");

    for (String command : List.of("validate", "plan")) {
      CliRun run = esm(command, repo.resolve("schemas/cart.avdl").toString());

      assertThat(run.status()).isEqualTo(ExitCode.INVALID);
      assertNothingLeaks(run);
      String file = repo.resolve("schemas/cart.avdl").toString();
      assertThat(run.err().lines()).containsExactly(
          file + ":2:3: error: import \"" + outside.resolve("secret.avdl") + "\" is outside the repository",
          file + ":3:3: error: import \"" + outside.resolve("keys.json") + "\" is outside the repository",
          file + ":4:3: error: import \"../../outside/secret.avdl\" is outside the repository",
          file + ":5:3: error: import \"link.json\" is a symbolic link (ESM follows no links)",
          file + ":6:3: error: import \"outside/secret.avdl\" is a symbolic link (ESM follows no links)",
          file + ":7:3: error: import \"/dev/zero\" is outside the repository",
          file + ":8:3: error: import \"pipe.avdl\" is not a regular file (a device, pipe or socket)",
          file + ":9:3: error: import \"../../outside/folder\" is outside the repository",
          file + ":10:3: error: import \"/proc/self/environ\" is outside the repository",
          file + ":11:3: error: import \"keys.json\": the imported file is not a valid Avro schema (JSON)",
          file + ":12:3: error: import \"" + outside.resolve("token.avsc") + "\" is outside the repository",
          "11 errors; nothing was written.");
    }
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void reportsLexerJunkAtItsLinesWithoutFloodingTheOutput() throws Exception {
    Files.writeString(repo.resolve("schemas/junk.avdl"), "protocol P {\n" + "^".repeat(1_000_000) + "\n}\n");

    CliRun run = esm("plan", repo.resolve("schemas/junk.avdl").toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertNothingLeaks(run);
    assertThat(run.err().length()).isLessThan(5_000);
    assertThat(run.err()).contains("junk.avdl:2:1: error: syntax error: unexpected character '^'");
    assertThat(datadog.writes()).isZero();
  }

  @Test
  void stopsAFileLargerThanTheLimitAndAnImportChainTooDeep() throws Exception {
    Files.writeString(repo.resolve("schemas/huge.avdl"), "protocol Huge {}\n" + " ".repeat(2 << 20));
    for (int i = 0; i < 1200; i++) {
      Files.writeString(repo.resolve("schemas/chain" + i + ".avdl"),
          "protocol C" + i + " {\n  import idl \"chain" + (i + 1) + ".avdl\";\n}\n");
    }
    Files.writeString(repo.resolve("schemas/chain1200.avdl"), "protocol Last {}\n");

    CliRun run = esm("validate", repo.resolve("schemas/huge.avdl").toString(), repo.resolve("schemas/chain0.avdl").toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertNothingLeaks(run);
    assertThat(run.err()).contains("huge.avdl: error: the file: limits.max_file_bytes is 1048576; got 2097169 bytes")
        .contains("chain0.avdl:2:3: error: import \"chain1.avdl\": a file it imports: imports nest deeper than 64 files");
  }
}
