package dev.esm.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.idl.IdlReader;

/**
 * The bare parser as a whole process: Avro's {@code IdlReader} over every {@code .avdl} file of a
 * directory, a new reader per file, nothing else. The yardstick of {@code StartupBenchmark}.
 */
public final class BareIdlParse {

  private BareIdlParse() {}

  public static void main(String[] args) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.list(Path.of(args[0]))) {
      files = walk.filter(p -> p.toString().endsWith(".avdl")).sorted().toList();
    }
    int schemas = 0;
    for (Path file : files) {
      schemas += new IdlReader().parse(file).getNamedSchemas().size();
    }
    System.out.println(files.size() + " files, " + schemas + " named schemas");
  }
}
