package dev.esm.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive, as a user gets it: unpacked in a directory of its own and run from
 * elsewhere through {@code bin/esm}. Runs at {@code integration-test}, after {@code package}
 * has built {@code target/esm-<version>.tar.gz}.
 */
class DistributionArchiveTest {

  private static final String VERSION = System.getProperty("esm.version");
  private static final Path ARCHIVE = Path.of(System.getProperty("esm.dist.archive"));
  private static final Path PROJECT_ROOT = Path.of(System.getProperty("esm.project.root")).normalize();
  private static final Path CLI_LIB = Path.of(System.getProperty("esm.cli.lib"));

  @TempDir static Path unpacked;
  private static Path home;

  @TempDir Path workDir;

  @BeforeAll
  static void unpackTheArchive() throws Exception {
    assertThat(ARCHIVE).isRegularFile();
    Result tar = run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", unpacked.toString()), unpacked, Map.of());
    assertThat(tar.exitCode()).as(tar.err()).isZero();
    home = unpacked.resolve("esm-" + VERSION);
  }

  @Test
  void unpacksIntoOneDirectoryNamedAfterTheVersion() throws Exception {
    Result listing = run(List.of("tar", "-tzf", ARCHIVE.toString()), unpacked, Map.of());
    assertThat(listing.out().lines()).allMatch(entry -> entry.startsWith("esm-" + VERSION + "/"));
    assertThat(home.resolve("bin/esm")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/esm")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(home.resolve("lib/esm.jar")).isRegularFile();
    assertThat(home.resolve("README.md")).content().contains("ESM " + VERSION).doesNotContain("${");
    assertThat(home.resolve("NOTICE.md")).isRegularFile();
    assertThat(home.resolve("examples/esm.yaml")).hasSameTextualContentAs(PROJECT_ROOT.resolve("examples/esm.yaml"));
    assertThat(home.resolve("docs/operations.md")).hasSameTextualContentAs(PROJECT_ROOT.resolve("docs/operations.md"));
  }

  @Test
  void shipsExactlyTheClasspathThatTheCommandLineRunsWithInTheBuildTree() throws IOException {
    TreeSet<String> expected = new TreeSet<>(list(CLI_LIB));
    expected.add("esm.jar");
    assertThat(list(home.resolve("lib"))).containsExactlyElementsOf(expected);
  }

  @Test
  void printsItsVersionWhenRunFromAnotherDirectory() throws Exception {
    Result result = esm(workDir, Map.of(), "--version");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip()).isEqualTo("esm " + VERSION);
  }

  @Test
  void findsItsLibrariesWhenCalledThroughASymbolicLink() throws Exception {
    Path link = Files.createSymbolicLink(Files.createDirectories(unpacked.resolve("usr-local-bin")).resolve("esm"), home.resolve("bin/esm"));

    Result result = run(List.of(link.toString(), "--version"), workDir, javaHome());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip()).isEqualTo("esm " + VERSION);
  }

  @Test
  void rendersTheExampleSchemasWithTheExampleConfigurationAndNoCredentials() throws Exception {
    Result result = esm(workDir, Map.of(),
        "render", "--config", home.resolve("examples/esm.yaml").toString(), PROJECT_ROOT.resolve("schemas").toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode monitors = new ObjectMapper().readTree(result.out());
    assertThat(monitors.isArray()).as(result.out()).isTrue();
    List<String> names = StreamSupport.stream(monitors.spliterator(), false)
        .map(monitor -> monitor.path("name").asText())
        .sorted()
        .collect(Collectors.toList());
    // One per annotation object: cart_events.avdl, imported by payment_events.avdl, counts once.
    assertThat(names).containsExactly(
        "No Traffic with LessonCompletedEvent",
        "No Traffic with LessonStartedEvent",
        "Serialization Errors with CoursePriceChangedEvent",
        "Serialization Errors with CourseSearchedEvent",
        "Serialization Errors with PaymentFailedEvent",
        "Serialization Errors with QuizSubmittedEvent",
        "Traffic Anomaly with AddToCartEvent",
        "Traffic Anomaly with CourseViewedEvent",
        "Traffic Anomaly with LessonStartedEvent",
        "Traffic Anomaly with LoginFailedEvent",
        "Traffic Anomaly with LoginSucceededEvent",
        "Traffic Anomaly with VideoPlaybackStartedEvent",
        "Traffic Drop (weekday) with CheckoutStartedEvent",
        "Traffic Drop (weekend) with CheckoutStartedEvent",
        "Traffic Drop with PaymentAuthorizedEvent",
        "Traffic Drop with SignUpCompletedEvent");
  }

  @Test
  void refusesAJavaOlderThan17WithAMessageThatSaysWhatToDo() throws Exception {
    Path oldJava = fakeJava("1.8.0_402");

    Result result = run(List.of(home.resolve("bin/esm").toString(), "--version"), workDir, Map.of("JAVA_HOME", oldJava.toString()));

    assertThat(result.exitCode()).isEqualTo(69);
    assertThat(result.err()).contains("Java 17 or newer is needed", "Java 1.8.0_402", "JAVA_HOME");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void saysSoWhenJavaHomeHoldsNoJava() throws Exception {
    Result result = run(List.of(home.resolve("bin/esm").toString(), "--version"), workDir,
        Map.of("JAVA_HOME", workDir.resolve("no-such-jdk").toString()));

    assertThat(result.exitCode()).isEqualTo(69);
    assertThat(result.err()).contains("JAVA_HOME", "no-such-jdk", "Java 17");
  }

  @Test
  void passesJavaOptsAndEveryArgumentUnchangedToTheJvm() throws Exception {
    Path java = fakeJava("17.0.15");

    Result result = run(List.of(home.resolve("bin/esm").toString(), "render", "two words", "*.avdl"), workDir,
        Map.of("JAVA_HOME", java.toString(), "JAVA_OPTS", "-Xmx256m  -Dx=*"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactly(
        "-Xmx256m", "-Dx=*", "-cp", home.toRealPath() + "/lib/*", "dev.esm.cli.Main", "render", "two words", "*.avdl");
  }

  /** A JAVA_HOME whose bin/java reports {@code version} and prints its arguments one a line. */
  private Path fakeJava(String version) throws IOException {
    Path javaHome = workDir.resolve("jdk-" + version);
    Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
    Files.writeString(java, String.join("\n",
        "#!/bin/sh",
        "if [ \"$1\" = -version ]; then",
        "  echo 'openjdk version \"" + version + "\" 2025-04-15' >&2",
        "  exit 0",
        "fi",
        "for arg in \"$@\"; do printf '%s\\n' \"$arg\"; done",
        ""));
    java.toFile().setExecutable(true);
    return javaHome;
  }

  private static Result esm(Path cwd, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/esm").toString());
    command.addAll(List.of(args));
    Map<String, String> environment = new java.util.HashMap<>(javaHome());
    environment.putAll(env);
    return run(command, cwd, environment);
  }

  private static Map<String, String> javaHome() {
    return Map.of("JAVA_HOME", System.getProperty("java.home"));
  }

  private static Result run(List<String> command, Path cwd, Map<String, String> env) throws Exception {
    Path out = Files.createTempFile("esm-out", ".txt");
    Path err = Files.createTempFile("esm-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      // Nothing from the build's environment leaks in: no credentials, no JVM options.
      builder.environment().keySet().removeIf(name -> name.startsWith("DD_") || name.startsWith("GITHUB_")
          || name.startsWith("ESM_") || name.startsWith("JAVA_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private record Result(int exitCode, String out, String err) {}
}
