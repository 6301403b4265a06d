package dev.esm.core.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.coverage.CoverageAnalyzer;
import dev.esm.core.coverage.CoveragePrinter;
import dev.esm.core.coverage.CoverageReport;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code esm coverage} over 5,000 generated Java files and 2,000 events, against javaparser parsing
 * the same files alone (with the same parser configuration). Not a unit test; run it with
 * {@code ./mvnw -B -q -Pbench -pl esm-core verify -Dbench.main=dev.esm.core.bench.CoverageBenchmark}.
 */
public final class CoverageBenchmark {

  private static final int SCHEMA_FILES = 200;
  private static final int RECORDS_PER_FILE = 10;
  private static final int JAVA_FILES = 5_000;
  private static final int WARMUP = 2;
  private static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("esm-bench-coverage");
    generateSchemas(dir.resolve("schemas"));
    List<Path> javaFiles = generateJava(dir.resolve("src"));
    long bytes = 0;
    for (Path file : javaFiles) {
      bytes += Files.size(file);
    }
    EsmConfig config = new ConfigLoader().defaults();
    SchemaSource source = SchemaSource.discover(List.of(dir.resolve("schemas")));
    List<Path> sources = List.of(dir.resolve("src"));
    int cores = Runtime.getRuntime().availableProcessors();

    Mode parserAlone = new Mode("javaparser alone, one file after the other", () -> parseAll(javaFiles, 1));
    Mode parserParallel = new Mode("javaparser alone, files in parallel", () -> parseAll(javaFiles, cores));
    Mode commandOne = new Mode("esm coverage (schemas + scan + JSON), one file at a time",
        () -> command(config, source, sources, 1));
    Mode command = new Mode("esm coverage (schemas + scan + JSON), files in parallel",
        () -> command(config, source, sources, cores));
    List<Mode> modes = List.of(parserAlone, commandOne, parserParallel, command);
    for (int i = 0; i < WARMUP + RUNS; i++) {
      for (Mode mode : modes) {
        mode.run(i >= WARMUP ? i - WARMUP : -1);
      }
    }
    System.out.printf("%d Java files (%.1f MB), %d events in %d schema files; %d cores; median of %d runs after %d warm-up%n",
        javaFiles.size(), bytes / 1e6, SCHEMA_FILES * RECORDS_PER_FILE, SCHEMA_FILES, cores, RUNS, WARMUP);
    System.out.println("check: " + command.result);
    print(parserAlone, parserAlone);
    print(commandOne, parserAlone);
    print(parserParallel, parserParallel);
    print(command, parserParallel);
  }

  private static void print(Mode mode, Mode baseline) {
    System.out.printf("%-58s median %7.0f ms  ratio %.2f   peak heap %5.0f MB (baseline's %4.0f MB)%n", mode.name,
        median(mode.nanos) / 1e6, median(mode.nanos) / median(baseline.nanos), mode.peakHeap / 1e6, baseline.peakHeap / 1e6);
  }

  private static final class Mode {
    final String name;
    final Supplier<String> work;
    final long[] nanos = new long[RUNS];
    long peakHeap;
    String result;

    Mode(String name, Supplier<String> work) {
      this.name = name;
      this.work = work;
    }

    void run(int slot) {
      System.gc();
      HeapSampler sampler = new HeapSampler();
      long t0 = System.nanoTime();
      result = work.get();
      long elapsed = System.nanoTime() - t0;
      long peak = sampler.stop();
      if (slot >= 0) {
        nanos[slot] = elapsed;
        peakHeap = Math.max(peakHeap, peak);
      }
    }
  }

  /** The highest heap in use while a mode runs, sampled every 2 ms. */
  private static final class HeapSampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    HeapSampler() {
      thread = new Thread(() -> {
        while (running) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    long stop() {
      running = false;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return peak.get();
    }
  }

  private static String parseAll(List<Path> files, int parallelism) {
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(parserConfiguration()));
    java.util.function.ToIntFunction<Path> parse = file -> {
      try {
        ParseResult<CompilationUnit> result = parsers.get().parse(Files.readString(file, StandardCharsets.UTF_8));
        return result.isSuccessful() ? 1 : 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    int parsed;
    if (parallelism == 1) {
      parsed = files.stream().mapToInt(parse).sum();
    } else {
      ForkJoinPool pool = new ForkJoinPool(parallelism);
      try {
        parsed = pool.submit(() -> files.parallelStream().mapToInt(parse).sum()).join();
      } finally {
        pool.shutdown();
      }
    }
    return parsed + " parsed";
  }

  /** The parse configuration ESM uses (a Java 21 parser without comment attribution). */
  private static com.github.javaparser.ParserConfiguration parserConfiguration() {
    return new com.github.javaparser.ParserConfiguration()
        .setLanguageLevel(com.github.javaparser.ParserConfiguration.LanguageLevel.JAVA_21)
        .setAttributeComments(false);
  }

  private static String command(EsmConfig config, SchemaSource source, List<Path> sources, int parallelism) {
    Rendering rendering = new Workspace(config).render(source, RenderContext.none());
    CoverageReport report = new CoverageAnalyzer(parallelism).analyze(rendering.events(), rendering.monitors(), sources);
    String json = CoveragePrinter.json(report, Path.of(""));
    long sites = report.events().stream().mapToLong(e -> e.sites().size()).sum();
    return report.events().size() + " events, " + sites + " sites, " + report.emittedWithoutMonitors().size()
        + " blind spots, " + report.monitoredNotEmitted().size() + " dead monitors, " + json.length() / 1000 + " kB of JSON";
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void generateSchemas(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int f = 0; f < SCHEMA_FILES; f++) {
      StringBuilder text = new StringBuilder();
      text.append("@namespace(\"com.acme.events.area").append(f).append("\")\n");
      text.append("protocol Area").append(f).append("Events {\n");
      for (int r = 0; r < RECORDS_PER_FILE; r++) {
        if (r % 4 != 3) {
          text.append("  @monitor({\"type\": \"no_traffic\"})\n");
        }
        text.append("  @owner(\"team-").append(f % 7).append("\")\n");
        text.append("  record Area").append(f).append("Event").append(r).append(" {\n");
        text.append("    string event_id;\n    long occurred_at;\n    string user_id;\n  }\n");
      }
      text.append("}\n");
      Files.writeString(dir.resolve("area" + f + ".avdl"), text);
    }
  }

  /**
   * Service classes of about 90 lines: imports (single-type and on-demand), fields, helper code
   * full of unrelated object creations and calls, and three emission sites each, written the
   * ways people write them. The events of the last area are emitted nowhere.
   */
  private static List<Path> generateJava(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < JAVA_FILES; i++) {
      int area = i % (SCHEMA_FILES - 1);
      int event = i % RECORDS_PER_FILE;
      String pkg = "com.acme.svc.module" + (i / 50);
      String events = "com.acme.events.area" + area;
      String single = "Area" + area + "Event" + event;
      String wildcard = "Area" + area + "Event" + ((event + 1) % RECORDS_PER_FILE);
      String qualified = events + ".Area" + area + "Event" + ((event + 2) % RECORDS_PER_FILE);
      String name = "Service" + i;
      String text = """
          package %1$s;

          import %2$s.%3$s;
          import %2$s.*;
          import java.time.Clock;
          import java.util.ArrayList;
          import java.util.HashMap;
          import java.util.List;
          import java.util.Map;
          import java.util.Objects;
          import java.util.UUID;

          /** Handles requests of kind %6$s and reports what happened. */
          public final class %6$s {

            private static final String NOTE = "built with %3$s.newBuilder() and new %4$s()";
            private final Map<String, List<String>> cache = new HashMap<>();
            private final Clock clock;
            private final Publisher publisher;
            private int handled;

            public %6$s(Clock clock, Publisher publisher) {
              this.clock = Objects.requireNonNull(clock);
              this.publisher = publisher;
            }

            public interface Publisher {
              void publish(String key, Object event);
            }

            public List<String> handle(String userId, List<String> items) {
              List<String> accepted = new ArrayList<>();
              for (String item : items) {
                if (item == null || item.isBlank()) {
                  continue;
                }
                StringBuilder key = new StringBuilder(userId).append(':').append(item);
                accepted.add(key.toString());
                cache.computeIfAbsent(userId, k -> new ArrayList<>()).add(item);
              }
              handled += accepted.size();
              // %3$s.newBuilder() is called below; this comment is not a site.
              publisher.publish(userId, %3$s.newBuilder()
                  .setEventId(UUID.randomUUID().toString())
                  .setOccurredAt(clock.millis())
                  .setUserId(userId)
                  .build());
              return accepted;
            }

            public Object retry(String userId) {
              var event = new %4$s(UUID.randomUUID().toString(), clock.millis(), userId);
              Map<String, Object> context = new HashMap<>();
              context.put("user", userId);
              context.put("attempt", handled);
              publisher.publish(userId, event);
              return context.isEmpty() ? null : event;
            }

            public void audit(String userId) {
              publisher.publish(userId, %5$s.newBuilder().setEventId(UUID.randomUUID().toString())
                  .setOccurredAt(clock.millis()).setUserId(userId).build());
            }

            private static String describe(Object value) {
              if (value instanceof %3$s) {
                return "event " + value;
              }
              return String.valueOf(value);
            }

            public int handled() {
              return handled;
            }

            static final class Stats {
              private final List<Long> samples = new ArrayList<>();

              void add(long sample) {
                samples.add(sample);
              }

              double mean() {
                return samples.stream().mapToLong(Long::longValue).average().orElse(0);
              }
            }
          }
          """.formatted(pkg, events, single, wildcard, qualified, name);
      Path file = dir.resolve(pkg.replace('.', '/')).resolve(name + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      files.add(file);
    }
    return files;
  }
}
