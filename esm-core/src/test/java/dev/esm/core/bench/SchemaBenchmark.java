package dev.esm.core.bench;

import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.render.MonitorJson;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.idl.IdlReader;

/**
 * ESM's validate + render against Avro's IdlReader parsing the same files alone: 2,000 annotated
 * records in 200 files, each importing a shared file. Not a unit test; run it with
 * {@code ./mvnw -B -q -Pbench -pl esm-core verify -Dbench.main=dev.esm.core.bench.SchemaBenchmark}.
 */
public final class SchemaBenchmark {

  private static final int FILES = 200;
  private static final int RECORDS_PER_FILE = 10;
  private static final int WARMUP = 25;
  private static final int RUNS = 25;

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("esm-bench-schemas");
    List<Path> files = generate(dir);
    EsmConfig config = new ConfigLoader().defaults();
    SchemaSource source = SchemaSource.discover(List.of(dir));

    long[] bare = new long[RUNS];
    long[] esm = new long[RUNS];
    long[] esmSequential = new long[RUNS];
    int cores = Runtime.getRuntime().availableProcessors();
    int monitors = 0;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      for (Path file : files) {
        new IdlReader().parse(file);
      }
      long t1 = System.nanoTime();
      Rendering rendering = new Workspace(config).render(source, RenderContext.none());
      String json = MonitorJson.array(rendering.monitors());
      long t2 = System.nanoTime();
      String sequentialJson = MonitorJson.array(new Workspace(config, 1).render(source, RenderContext.none()).monitors());
      long t3 = System.nanoTime();
      if (!sequentialJson.equals(json)) {
        throw new IllegalStateException("parallel and sequential loading rendered different monitors");
      }
      monitors = rendering.monitors().size();
      if (json.isEmpty()) {
        throw new IllegalStateException("nothing rendered");
      }
      if (i >= WARMUP) {
        bare[i - WARMUP] = t1 - t0;
        esm[i - WARMUP] = t2 - t1;
        esmSequential[i - WARMUP] = t3 - t2;
      }
    }
    double bareMs = median(bare) / 1e6;
    double esmMs = median(esm) / 1e6;
    double sequentialMs = median(esmSequential) / 1e6;
    System.out.printf("schemas: %d files, %d records, %d monitors; %d cores%n", FILES, FILES * RECORDS_PER_FILE + 3, monitors, cores);
    System.out.printf("Avro IdlReader alone, one file after the other:  median %6.1f ms (%d runs after %d warm-up)%n", bareMs, RUNS, WARMUP);
    System.out.printf("ESM validate + render + JSON (files in parallel): median %6.1f ms  ratio %.2f (target <= 1.30)%n",
        esmMs, esmMs / bareMs);
    System.out.printf("ESM validate + render + JSON, one file at a time: median %6.1f ms  ratio %.2f (ESM's own work over the parser)%n",
        sequentialMs, sequentialMs / bareMs);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static List<Path> generate(Path dir) throws IOException {
    Files.writeString(dir.resolve("common.avdl"), """
        @namespace("com.acme.common")
        protocol Common {
          enum Platform { WEB, IOS, ANDROID }
          record ClientContext { string session_id; Platform platform; union { null, string } user_agent = null; }
          record Money { long amount_minor; string currency; }
        }
        """);
    List<Path> files = new ArrayList<>();
    String[] kinds = {
      "{\"type\": \"traffic_anomaly\", \"severity\": \"high\"}",
      "[{\"type\": \"traffic_drop\", \"threshold\": 100, \"qualifier\": \"weekday\"}, {\"type\": \"no_traffic\", \"window\": \"1h\"}]",
      "{\"type\": \"serialization_errors\", \"threshold\": 2.5, \"severity\": \"low\"}",
      "{\"type\": \"no_traffic\", \"severity\": \"critical\", \"notify\": [\"@oncall\"]}",
    };
    for (int f = 0; f < FILES; f++) {
      StringBuilder text = new StringBuilder();
      text.append("@namespace(\"com.acme.events.area").append(f).append("\")\n");
      text.append("protocol Area").append(f).append("Events {\n");
      text.append("  import idl \"common.avdl\";\n");
      for (int r = 0; r < RECORDS_PER_FILE; r++) {
        String name = "Area" + f + "Event" + r;
        text.append("  /** Event ").append(r).append(" of area ").append(f).append(". */\n");
        text.append("  @monitor(").append(kinds[(f + r) % kinds.length]).append(")\n");
        text.append("  @owner(\"team-").append(f % 7).append("\")\n");
        text.append("  record ").append(name).append(" {\n");
        text.append("    string event_id;\n    long occurred_at;\n    com.acme.common.ClientContext context;\n");
        text.append("    union { null, com.acme.common.Money } price = null;\n    array<string> labels = [];\n  }\n");
      }
      text.append("}\n");
      Path file = dir.resolve("area" + f + ".avdl");
      Files.writeString(file, text);
      files.add(file);
    }
    files.add(0, dir.resolve("common.avdl"));
    return files;
  }
}
