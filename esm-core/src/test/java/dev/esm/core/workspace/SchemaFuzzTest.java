package dev.esm.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.render.RenderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the schema loader, the source index and the annotation reader through the workspace:
 * arbitrary bytes as an {@code .avdl} file, and real schemas mutated with annotations, JSON values
 * and imports. Every input must end in a rendering or in diagnostics (never another exception, a
 * hang or memory beyond the build's heap), and no diagnostic may quote the file outside the
 * repository. Inputs that once failed are kept under {@code SchemaFuzzTestInputs/} and replayed
 * by every build; see docs/fuzzing.md.
 */
class SchemaFuzzTest {

  private static final String MARKER = "FUZZ-OUTSIDE-MARKER-51c2";
  private static final String[] IMPORT_PATHS = {
      "../common/types.avdl", "/etc/passwd", "/dev/zero", "../../../outside/secret.avsc", "../../outside/secret.avdl",
      "link.avdl", "pipe", ".", "..", "", "cart_events.avdl", "http://127.0.0.1:9/x", "classpath:/x",
      "dev/esm/core/config/defaults.yaml", "../common", "types.avsc", "%2e%2e/%2e%2e/outside/secret.avdl"};
  private static final String[] IMPORT_TYPES = {"idl", "schema", "protocol"};
  private static final String[] KEYS = {"type", "severity", "notify", "tags", "qualifier", "window", "threshold",
      "deviations", "algorithm", "direction", "x"};
  private static final String[] KINDS = {"traffic_anomaly", "traffic_drop", "no_traffic", "serialization_errors", "nope"};

  /** Far beyond what any input of a few kilobytes should take, even on a busy machine. */
  private static final Duration SLOW = Duration.ofSeconds(10);

  private static Path temp;
  private static Path repository;
  private static List<String> seeds;
  private static EsmConfig config;

  @BeforeAll
  static void repository() throws IOException {
    temp = Files.createTempDirectory("esm-fuzz");
    repository = Files.createDirectories(temp.resolve("repo"));
    Files.createDirectories(repository.resolve(".git"));
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.avsc"), "{\"AccessKeyId\": \"" + MARKER + "\"}");
    Files.writeString(outside.resolve("secret.avdl"), MARKER + " protocol Secret { record " + MARKER.replace('-', '_') + " {} }");
    Path source = Path.of("..", "schemas").toAbsolutePath().normalize();
    seeds = new ArrayList<>();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = repository.resolve("schemas").resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        if (file.toString().endsWith(".avdl")) {
          seeds.add(Files.readString(file));
        }
      }
    }
    seeds.sort(null);
    config = new ConfigLoader().parse("limits:\n  max_file_bytes: 200000\n", repository.resolve("esm.yaml"));
    // Load (and let the fuzzer instrument) Avro's classes once, so that no input pays for it.
    new Workspace(config, 1).render(SchemaSource.discover(List.of(repository.resolve("schemas"))), RenderContext.none());
    Files.createSymbolicLink(repository.resolve("schemas/cart/link.avdl"), outside.resolve("secret.avdl"));
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (Stream<Path> files = Files.walk(temp)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @FuzzTest(maxDuration = "15s")
  void everyInputEndsInDiagnostics(FuzzedDataProvider data) {
    long started = System.nanoTime();
    Path file = repository.resolve("schemas/cart/fuzzed.avdl");
    try {
      if (data.consumeBoolean()) {
        Files.write(file, data.consumeRemainingAsBytes());
      } else {
        Files.writeString(file, mutated(data));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Diagnostic> diagnostics;
    try {
      diagnostics = new Workspace(config, 1).render(new SchemaSource(repository, List.of(file)), RenderContext.none())
          .warnings();
    } catch (InvalidInputException e) {
      diagnostics = e.diagnostics();
      assertThat(diagnostics).anyMatch(Diagnostic::isError);
    }
    for (Diagnostic diagnostic : diagnostics) {
      assertThat(diagnostic.message()).doesNotContain(MARKER).doesNotContain("Exception:").hasSizeLessThan(2000);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time for one input").isLessThan(SLOW);
  }

  /** A real schema with a few edits: annotations with fuzzed JSON, imports, cuts and copies. */
  private static String mutated(FuzzedDataProvider data) {
    StringBuilder text = new StringBuilder(seeds.get(data.consumeInt(0, seeds.size() - 1)));
    int edits = data.consumeInt(1, 6);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      int at = lineStart(text, data.consumeInt(0, text.length()));
      switch (data.consumeInt(0, 5)) {
        case 0 -> text.insert(at, "  @monitor(" + json(data, 0) + ")\n");
        case 1 -> text.insert(at, "  @monitor({\"type\": \"" + pick(data, KINDS) + "\", \"" + pick(data, KEYS) + "\": "
            + json(data, 1) + "})\n");
        case 2 -> text.insert(at, "  import " + pick(data, IMPORT_TYPES) + " \""
            + (data.consumeBoolean() ? pick(data, IMPORT_PATHS) : data.consumeString(40).replace("\"", "")) + "\";\n");
        case 3 -> text.insert(at, "  @owner(" + json(data, 1) + ")\n");
        case 4 -> {
          int end = Math.min(text.length(), at + data.consumeInt(0, 200));
          text.delete(at, end);
        }
        default -> text.insert(at, data.consumeString(64));
      }
    }
    return text.toString();
  }

  private static String json(FuzzedDataProvider data, int depth) {
    switch (depth > 3 ? data.consumeInt(0, 3) : data.consumeInt(0, 6)) {
      case 0:
        return "\"" + data.consumeString(20).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case 1:
        return Long.toString(data.consumeLong());
      case 2:
        return data.consumeBoolean() ? "true" : "null";
      case 3:
        return Double.toString(data.consumeDouble());
      case 4: {
        StringBuilder list = new StringBuilder("[");
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
          list.append(i == 0 ? "" : ", ").append(json(data, depth + 1));
        }
        return list.append(']').toString();
      }
      default: {
        StringBuilder object = new StringBuilder("{");
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
          object.append(i == 0 ? "" : ", ").append('"').append(pick(data, KEYS)).append("\": ").append(json(data, depth + 1));
        }
        return object.append('}').toString();
      }
    }
  }

  private static String pick(FuzzedDataProvider data, String[] values) {
    return values[data.consumeInt(0, values.length - 1)];
  }

  private static int lineStart(CharSequence text, int at) {
    int start = Math.min(at, text.length());
    while (start > 0 && text.charAt(start - 1) != '\n') {
      start--;
    }
    return start;
  }
}
