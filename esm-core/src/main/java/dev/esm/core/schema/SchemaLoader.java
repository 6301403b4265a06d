package dev.esm.core.schema;

import dev.esm.core.diagnostic.Diagnostic;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.idl.IdlFile;
import org.apache.avro.idl.IdlReader;

/**
 * Loads {@code .avdl} files with Avro's own {@link IdlReader}, one new reader per file (a reused
 * reader refuses to see a name twice), and turns whatever the parser says into diagnostics with
 * the file and, where the parser gives one, the line.
 */
public final class SchemaLoader {

  private static final Pattern AT_LINE = Pattern.compile(",? at line (\\d+), column (\\d+)\\s*$");
  private static final Pattern WARNING_POSITION = Pattern.compile("^Line (\\d+), char (\\d+): ");
  private static final Pattern MISSING_IMPORT =
      Pattern.compile("^Error importing (.+?): java\\.io\\.FileNotFoundException: .*$");
  private static final Pattern ANTLR_POSITION = Pattern.compile("^line (\\d+):(\\d+) ");
  private static final Pattern REDEFINED = Pattern.compile("^Can't redefine: (.+)$");

  /**
   * Parses the files, several at once when there are many: each file has its own reader, so
   * they share nothing. The result keeps the order of {@code files}.
   *
   * @param parallelism how many files are parsed at once (1: one after the other)
   */
  public List<LoadedFile> loadAll(List<Path> files, int parallelism) {
    if (parallelism <= 1 || files.size() < 8) {
      return files.stream().map(this::load).toList();
    }
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(parallelism);
    try {
      return pool.submit(() -> files.parallelStream().map(this::load).toList()).join();
    } finally {
      pool.shutdown();
    }
  }

  public LoadedFile load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return failed(file, null, Diagnostic.error(file, 0, 0, "no such file"));
    } catch (MalformedInputException e) {
      return failed(file, null, Diagnostic.error(file, 0, 0, "not UTF-8 text"));
    } catch (IOException e) {
      return failed(file, null, Diagnostic.error(file, 0, 0, "cannot read: " + e.getMessage()));
    }
    SourceIndex index = SourceIndex.of(text);
    IdlFile idl;
    try {
      idl = new IdlReader().parse(file.toAbsolutePath().toUri(), text);
    } catch (IOException | RuntimeException e) {
      return failed(file, index, parseError(file, index, e));
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (String warning : idl.getWarnings()) {
      diagnostics.add(warning(file, index, warning));
    }
    Map<String, Schema> named = idl.getNamedSchemas();
    int records = 0;
    Map<String, List<Schema>> recordsBySimpleName = new HashMap<>();
    for (Schema schema : named.values()) {
      if (schema.getType() == Schema.Type.RECORD) {
        records++;
        recordsBySimpleName.computeIfAbsent(schema.getName(), k -> new ArrayList<>()).add(schema);
      }
    }
    List<EventDeclaration> events = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (SourceIndex.Declaration declaration : index.records()) {
      List<Schema> candidates = recordsBySimpleName.getOrDefault(declaration.name(), List.of());
      int nth = seen.merge(declaration.name(), 1, Integer::sum) - 1;
      if (nth < candidates.size()) {
        events.add(new EventDeclaration(candidates.get(nth), file, declaration));
      }
    }
    return new LoadedFile(file, true, named.size(), records, events, index, diagnostics);
  }

  private static LoadedFile failed(Path file, SourceIndex index, Diagnostic diagnostic) {
    return new LoadedFile(file, false, 0, 0, List.of(), index == null ? SourceIndex.of("") : index, List.of(diagnostic));
  }

  private static Diagnostic parseError(Path file, SourceIndex index, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int line = 0;
    int column = 0;
    Matcher at = AT_LINE.matcher(message);
    if (at.find()) {
      line = Integer.parseInt(at.group(1));
      column = Integer.parseInt(at.group(2));
      message = message.substring(0, at.start());
    }
    Matcher antlr = ANTLR_POSITION.matcher(message);
    if (line == 0 && antlr.find()) {
      line = Integer.parseInt(antlr.group(1));
      column = Integer.parseInt(antlr.group(2)) + 1;
      message = "syntax error: " + message.substring(antlr.end());
    }
    Matcher missing = MISSING_IMPORT.matcher(message);
    if (missing.matches()) {
      message = "cannot import \"" + missing.group(1) + "\": no such file next to " + file.getFileName();
    } else if (e.getCause() instanceof FileNotFoundException) {
      message = "cannot import: " + e.getCause().getMessage();
    }
    Matcher redefined = REDEFINED.matcher(message);
    if (redefined.matches() && line == 0) {
      message = "\"" + redefined.group(1) + "\" is defined twice";
      SourceIndex.Declaration second = secondDeclarationOf(index, redefined.group(1));
      if (second != null) {
        line = second.line();
        column = second.column();
      }
    }
    if (!(e instanceof AvroRuntimeException) && !(e instanceof IOException)) {
      message = e.getClass().getSimpleName() + ": " + message;
    }
    return Diagnostic.error(file, line, column, message);
  }

  private static SourceIndex.Declaration secondDeclarationOf(SourceIndex index, String fullName) {
    String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
    List<SourceIndex.Declaration> matches =
        index.declarations().stream().filter(d -> d.name().equals(simpleName)).toList();
    return matches.size() >= 2 ? matches.get(1) : null;
  }

  private static Diagnostic warning(Path file, SourceIndex index, String warning) {
    String message = warning.strip();
    int line = 0;
    int column = 0;
    Matcher position = WARNING_POSITION.matcher(message);
    if (position.find()) {
      line = Integer.parseInt(position.group(1));
      column = Integer.parseInt(position.group(2));
      message = message.substring(position.end());
    }
    message = message.replace('\n', ' ');
    for (SourceIndex.Declaration declaration : index.records()) {
      if (!declaration.annotations().isEmpty() && isBetween(line, column, declaration)) {
        message = "the doc comment of record " + declaration.name()
            + " was dropped: Avro reads a doc comment only before the annotations";
        break;
      }
    }
    return Diagnostic.warning(file, line, column, message);
  }

  private static boolean isBetween(int line, int column, SourceIndex.Declaration declaration) {
    SourceIndex.Annotation first = declaration.annotations().get(0);
    boolean afterFirst = line > first.line() || (line == first.line() && column > first.column());
    boolean beforeKeyword = line < declaration.line() || (line == declaration.line() && column < declaration.column());
    return afterFirst && beforeKeyword;
  }
}
