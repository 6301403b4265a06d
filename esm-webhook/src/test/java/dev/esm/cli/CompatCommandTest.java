package dev.esm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.datadog.fake.FakeDatadog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esm compat} on a git repository made by the test. */
class CompatCommandTest {

  @TempDir Path repo;

  private static final String TYPES = """
      @namespace("com.acme.types")
      protocol Types {
        record Item { string sku; int quantity; }
      }
      """;

  private static final String CART = """
      @namespace("com.acme.cart")
      protocol Cart {
        import idl "../common/types.avdl";
        @monitor({"type": "no_traffic"})
        record AddToCartEvent {
          string user_id;
          array<com.acme.types.Item> items = [];
        }
      }
      """;

  @BeforeEach
  void commitBase() throws Exception {
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "Test");
    write("common/types.avdl", TYPES);
    write("events/cart.avdl", CART);
    git("add", ".");
    git("commit", "-q", "-m", "base");
  }

  @Test
  void reportsEachIncompatibilityAtItsFieldAndExitsOne() throws Exception {
    write("events/cart.avdl", CART.replace("string user_id;", "string user_id;\n    long added_at;"));

    CliRun run = CliRun.of("compat", "--base", "main", repo.resolve("events").toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertThat(run.err().replace(repo.toString(), "<repo>")).isEqualTo(
        "<repo>/events/cart.avdl:7:10: error: READER_FIELD_MISSING_DEFAULT_VALUE at AddToCartEvent.added_at (backward): field"
            + " added_at is new and has no default, so the new schema cannot read data written with the old one; add a default,"
            + " or make it optional: union { null, long } added_at = null;\n");
    assertThat(run.out()).isEqualTo("1 incompatible change: 1 changed record checked against main (backward)\n");
  }

  @Test
  void resolvesImportsAtTheBaseCommit() throws Exception {
    write("common/types.avdl", TYPES.replace("int quantity;", "string quantity;"));
    write("events/cart.avdl", CART.replace("string user_id;", "string user_id; // touched"));

    CliRun run = CliRun.of("compat", "--base", "HEAD", "--mode", "full", repo.resolve("events").toString());

    assertThat(run.status()).isEqualTo(ExitCode.INVALID);
    assertThat(run.err().replace(repo.toString(), "<repo>")).startsWith(
        "<repo>/events/cart.avdl:7:32: error: TYPE_MISMATCH at AddToCartEvent.items[].quantity (backward and forward): the type of"
            + " items[].quantity changed from int to string");
  }

  @Test
  void aCompatibleChangeExitsZero() throws Exception {
    write("events/cart.avdl", CART.replace("string user_id;", "string user_id;\n    union { null, string } coupon = null;"));

    CliRun run = CliRun.of("compat", "--base", "main", repo.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("compatible: 1 changed record checked against main (backward)\n");
  }

  @Test
  void aRefThatIsNotACommitIsAUsageError() {
    CliRun run = CliRun.of("compat", "--base", "no-such-branch", repo.toString());

    assertThat(run.status()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("esm: --base no-such-branch is not a commit of ");
  }

  @Test
  void planWithABaseWarnsOfIncompatibleChangesAndStillPlans() throws Exception {
    write("events/cart.avdl", CART.replace("string user_id;", "int user_id;"));
    try (FakeDatadog datadog = FakeDatadog.start()) {
      CliRun run = CliRun.withEnvironment(datadog.environment(), "plan", "--base", "main", repo.resolve("events").toString());

      assertThat(run.status()).isZero();
      assertThat(run.err().replace(repo.toString(), "<repo>")).startsWith(
          "<repo>/events/cart.avdl:6:9: warning: TYPE_MISMATCH at AddToCartEvent.user_id (backward): the type of user_id changed"
              + " from string to int");
      assertThat(run.out()).contains("+ create No Traffic with AddToCartEvent");
      assertThat(datadog.writes()).isZero();
    }
  }

  private void write(String relative, String text) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("git %s: %s", args, output).isZero();
  }
}
