package dev.esm.core.coverage;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.EsmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds where events are built in Java sources: every {@code .java} file under the folders is
 * parsed (several at once), then each candidate's class name is resolved against the types of
 * all files and kept when it is an event's generated class.
 */
public final class EmissionScanner {

  /**
   * @param sites per event class (the generated class's full name), in path and line order
   * @param warnings one per Java file that could not be read or parsed
   * @param files how many Java files were read
   */
  public record Emissions(Map<String, List<EmissionSite>> sites, List<Diagnostic> warnings, int files) {
    public Emissions {
      sites = Map.copyOf(sites);
      warnings = List.copyOf(warnings);
    }

    public List<EmissionSite> of(String eventClass) {
      return sites.getOrDefault(eventClass, List.of());
    }
  }

  private final int parallelism;

  public EmissionScanner(int parallelism) {
    this.parallelism = parallelism;
  }

  public Emissions scan(List<Path> folders, Set<String> eventClasses) {
    List<Path> files = javaFiles(folders);
    Set<String> simpleNames = eventClasses.stream().map(GeneratedClassName::simpleName).collect(Collectors.toSet());
    List<JavaFile> read = read(files, simpleNames);
    Set<String> knownTypes = new HashSet<>(eventClasses);
    read.forEach(f -> knownTypes.addAll(f.declaredTypes()));
    NameResolver resolver = new NameResolver(knownTypes, eventClasses);
    Map<String, List<EmissionSite>> sites = new HashMap<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (JavaFile file : read) {
      if (file.problem() != null) {
        warnings.add(file.problem());
        continue;
      }
      for (JavaFile.Candidate candidate : file.candidates()) {
        String resolved = resolver.resolve(file, candidate);
        if (resolved != null && eventClasses.contains(resolved)) {
          sites.computeIfAbsent(resolved, k -> new ArrayList<>()).add(new EmissionSite(file.path(), candidate.line()));
        }
      }
    }
    sites.values().forEach(list -> list.sort(EmissionSite.ORDER));
    return new Emissions(sites, warnings, files.size());
  }

  private List<JavaFile> read(List<Path> files, Set<String> simpleNames) {
    ThreadLocal<JavaFileReader> readers = ThreadLocal.withInitial(() -> new JavaFileReader(simpleNames));
    if (parallelism <= 1 || files.size() < 8) {
      return files.stream().map(f -> readers.get().read(f)).toList();
    }
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    try {
      return pool.submit(() -> files.parallelStream().map(f -> readers.get().read(f)).toList()).join();
    } finally {
      pool.shutdown();
    }
  }

  /** Every {@code .java} file under the folders, hidden folders skipped, in path order. */
  static List<Path> javaFiles(List<Path> folders) {
    TreeSet<Path> files = new TreeSet<>();
    for (Path folder : folders) {
      Path absolute = folder.toAbsolutePath().normalize();
      if (!Files.isDirectory(absolute)) {
        throw new EsmException(EsmException.Kind.USAGE, "no such source folder: " + folder);
      }
      try (Stream<Path> walk = Files.walk(absolute)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".java"))
            .filter(p -> !isHidden(absolute.relativize(p)))
            .filter(Files::isRegularFile)
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(files);
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
