package dev.esm.cli.bench;

import dev.esm.core.bench.BareIdlParse;
import dev.esm.core.bench.SchemaBenchmark;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./esm validate} of 2,000 annotated records in 200 files as a whole process (the launcher,
 * the JVM, start-up, parsing, checking) against Avro's bare {@code IdlReader} over the same files
 * as a whole process ({@link BareIdlParse} on the parser's own class path), and the same jar on a
 * plain JVM. All are started alternately in one run; the medians are compared. Not a unit test:
 * see docs/benchmarks.md.
 */
public final class StartupBenchmark {

  private static final int WARMUP = 2;
  private static final int RUNS = 9;
  /** The parser's own dependencies, and a logger binding as ESM has. */
  private static final Pattern PARSER_CLASS_PATH = Pattern.compile(
      ".*/(avro|avro-idl|antlr4-runtime|jackson-core|jackson-databind|jackson-annotations|commons-text|commons-lang3"
          + "|commons-compress|commons-io|slf4j-api|slf4j-simple)-[0-9][^/]*\\.jar|.*esm-core/target/test-classes/?");

  public static void main(String[] args) throws Exception {
    Path checkout = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
    Path launcher = checkout.resolve("esm");
    Path dir = Files.createTempDirectory("esm-bench-startup");
    SchemaBenchmark.generate(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String parserClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> PARSER_CLASS_PATH.matcher(entry.replace('\\', '/')).matches())
        .collect(Collectors.joining(File.pathSeparator));

    List<String> esm = List.of(launcher.toString(), "validate", dir.toString());
    List<String> bare = List.of(java, "-cp", parserClassPath, BareIdlParse.class.getName(), dir.toString());
    // The same jar on a plain JVM (no archive, both compilers): what the launcher's flags buy.
    List<String> plain = List.of(java, "-jar", checkout.resolve("esm-cli/target/esm.jar").toString(), "validate",
        dir.toString());
    System.out.println("esm:  " + run(esm).strip()); // builds the jar (and its class-data archive) when stale
    System.out.println("bare: " + run(bare).strip());

    long[] esmTimes = new long[RUNS];
    long[] bareTimes = new long[RUNS];
    long[] plainTimes = new long[RUNS];
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      run(bare);
      long t1 = System.nanoTime();
      run(esm);
      long t2 = System.nanoTime();
      run(plain);
      long t3 = System.nanoTime();
      if (i >= WARMUP) {
        bareTimes[i - WARMUP] = t1 - t0;
        esmTimes[i - WARMUP] = t2 - t1;
        plainTimes[i - WARMUP] = t3 - t2;
      }
    }
    double bareMs = median(bareTimes) / 1e6;
    double esmMs = median(esmTimes) / 1e6;
    System.out.printf("whole processes, %d runs each after %d warm-up, alternately; %d cores%n", RUNS, WARMUP,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("Avro IdlReader alone (java -cp <parser jars> BareIdlParse): median %6.1f ms (min %6.1f)%n",
        bareMs, min(bareTimes) / 1e6);
    System.out.printf("./esm validate:                                          median %6.1f ms (min %6.1f)  ratio %.2f (target <= 1.10)%n",
        esmMs, min(esmTimes) / 1e6, esmMs / bareMs);
    double plainMs = median(plainTimes) / 1e6;
    System.out.printf("java -jar esm.jar validate (no archive, both compilers): median %6.1f ms (min %6.1f)  ratio %.2f%n",
        plainMs, min(plainTimes) / 1e6, plainMs / bareMs);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double min(long[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }
}
