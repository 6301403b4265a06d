package dev.esm.core.bench;

import dev.esm.core.compat.CompatibilityChecker;
import dev.esm.core.compat.CompatibilityMode;
import dev.esm.core.compat.CompatibilityReport;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.render.RenderContext;
import dev.esm.core.schema.LoadedFile;
import dev.esm.core.schema.SchemaLoader;
import dev.esm.core.workspace.SchemaEvolution;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The compatibility check on SchemaBenchmark's 2,000 events with every record changed (half of
 * them incompatibly), under {@code full} (both directions), against {@code esm validate} of the
 * same files. Not a unit test; run it with
 * {@code ./mvnw -B -q -Pbench -pl esm-core verify -Dbench.main=dev.esm.core.bench.CompatibilityBenchmark}.
 */
public final class CompatibilityBenchmark {

  private static final int WARMUP = 25;
  private static final int RUNS = 25;

  public static void main(String[] args) throws IOException {
    Path base = Files.createTempDirectory("esm-bench-compat-base");
    Path head = Files.createTempDirectory("esm-bench-compat-head");
    SchemaBenchmark.generate(base);
    SchemaBenchmark.generate(head);
    changeEveryRecord(head);
    EsmConfig config = new ConfigLoader().defaults();
    SchemaSource headSource = SchemaSource.discover(List.of(head));
    List<Path> baseFiles = SchemaSource.discover(List.of(base)).files();
    int cores = Runtime.getRuntime().availableProcessors();
    long maxFileBytes = config.limits().maxFileBytes();
    List<LoadedFile> baseLoaded = new SchemaLoader(base, maxFileBytes).loadAll(baseFiles, cores);
    List<LoadedFile> headLoaded = new SchemaLoader(headSource.root(), maxFileBytes).loadAll(headSource.files(), cores);

    if (!new CompatibilityChecker(CompatibilityMode.FULL, 1).check(baseLoaded, headLoaded)
        .equals(new CompatibilityChecker(CompatibilityMode.FULL, cores).check(baseLoaded, headLoaded))) {
      throw new IllegalStateException("checking records in parallel found something else than one at a time");
    }
    long[] validate = new long[RUNS];
    long[] check = new long[RUNS];
    long[] endToEnd = new long[RUNS];
    CompatibilityReport report = null;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      new Workspace(config).render(headSource, RenderContext.none());
      long t1 = System.nanoTime();
      report = new CompatibilityChecker(CompatibilityMode.FULL, cores).check(baseLoaded, headLoaded);
      long t2 = System.nanoTime();
      new SchemaEvolution(CompatibilityMode.FULL).check(base, baseFiles, headSource.root(), headSource.files());
      long t3 = System.nanoTime();
      if (i >= WARMUP) {
        validate[i - WARMUP] = t1 - t0;
        check[i - WARMUP] = t2 - t1;
        endToEnd[i - WARMUP] = t3 - t2;
      }
    }
    double validateMs = median(validate) / 1e6;
    double checkMs = median(check) / 1e6;
    double endToEndMs = median(endToEnd) / 1e6;
    System.out.printf("records: %d changed and checked, %d incompatibilities found (full); %d cores%n",
        report.recordsChecked(), report.incompatibilities().size(), cores);
    System.out.printf("esm validate (load + annotations + render):      median %6.1f ms (%d runs after %d warm-up)%n", validateMs, RUNS, WARMUP);
    System.out.printf("compatibility check (both versions loaded, records in parallel): median %6.1f ms  = %4.1f %% of validate (target < 20 %%)%n",
        checkMs, 100 * checkMs / validateMs);
    System.out.printf("load base + head, then check (as esm compat):    median %6.1f ms  = %4.1f %% of validate%n",
        endToEndMs, 100 * endToEndMs / validateMs);
  }

  /** Every record gets a field: without a default (incompatible) in even records, optional in odd ones. */
  private static void changeEveryRecord(Path dir) throws IOException {
    String end = "    array<string> labels = [];\n  }\n";
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("area")).toList()) {
        String text = Files.readString(file);
        StringBuilder changed = new StringBuilder();
        int from = 0;
        int record = 0;
        for (int at = text.indexOf(end); at >= 0; at = text.indexOf(end, from)) {
          changed.append(text, from, at).append("    array<string> labels = [];\n")
              .append(record++ % 2 == 0 ? "    string added;\n" : "    union { null, string } note = null;\n").append("  }\n");
          from = at + end.length();
        }
        Files.writeString(file, changed.append(text.substring(from)));
      }
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
