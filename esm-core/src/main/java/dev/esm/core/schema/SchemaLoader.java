package dev.esm.core.schema;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.files.RefusedFileException;
import dev.esm.core.files.RepositoryFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonSchemaParser;
import org.apache.avro.ParseContext;
import org.apache.avro.Protocol;
import org.apache.avro.Schema;
import org.apache.avro.idl.IdlFile;
import org.apache.avro.idl.IdlReader;

/**
 * Loads {@code .avdl} files with Avro's own {@link IdlReader}, one new reader per file (a reused
 * reader refuses to see a name twice), and turns whatever the parser says into diagnostics with
 * the file and, where the parser gives one, the line.
 *
 * <p>Avro's reader would resolve imports itself (any path or URL, with a fallback to the class
 * path) and print lexer errors instead of failing. So ESM lexes each file first, reports lexer
 * errors, takes the import statements out and reads each import itself through
 * {@link RepositoryFiles} (inside the repository, no links, size-limited), handing Avro's parsers
 * only text it has checked.
 */
public final class SchemaLoader {

  private static final Pattern AT_LINE = Pattern.compile(",? at line (\\d+), column (\\d+)\\s*$");
  private static final Pattern WARNING_POSITION = Pattern.compile("^Line (\\d+), char (\\d+): ");
  private static final Pattern JAVA_CLASS_PREFIX = Pattern.compile("^(?:(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*: )+");
  private static final Pattern ANTLR_POSITION = Pattern.compile("^line (\\d+):(\\d+) ");
  private static final Pattern REDEFINED = Pattern.compile("^Can't redefine: (.+)$");

  /** Imports nest at most this deep (a chain of files each importing the next). */
  static final int MAX_IMPORT_DEPTH = 64;

  private static final ExecutorService PARSERS = Executors.newCachedThreadPool(runnable -> {
    // Avro's parser and its doc-comment regular expressions recurse deeply on long input.
    Thread thread = new Thread(null, runnable, "esm-schema-parser", 256L * 1024 * 1024);
    thread.setDaemon(true);
    return thread;
  });

  private static final int MAX_CACHED_CHARS = 256 * 1024;
  private static final int MAX_CACHED_FILES = 256;

  private final RepositoryFiles files;
  private final Map<Path, String> importedTexts = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Path, IdlTokens> importedTokens = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param root the repository (or pull request checkout): no file outside it is read, imports included
   * @param maxFileBytes {@code limits.max_file_bytes}, for every file read
   */
  public SchemaLoader(Path root, long maxFileBytes) {
    this.files = new RepositoryFiles(root, maxFileBytes);
  }

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

  /** Parses one file on a thread with a large stack; whatever Avro throws ends as a diagnostic. */
  public LoadedFile load(Path file) {
    Future<LoadedFile> result = PARSERS.submit(() -> loadHere(file));
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      return failed(file, null, Diagnostic.error(file, 0, 0, "interrupted while parsing"));
    } catch (ExecutionException e) {
      return failed(file, null, Diagnostic.error(file, 0, 0, crash(e.getCause())));
    }
  }

  private static String crash(Throwable thrown) {
    if (thrown instanceof StackOverflowError) {
      return "the file nests too deeply for Avro's parser (it ran out of stack)";
    }
    if (thrown instanceof OutOfMemoryError) {
      return "the file is too large for Avro's parser (it ran out of memory)";
    }
    return "Avro's parser failed unexpectedly (" + thrown.getClass().getSimpleName() + ")";
  }

  private LoadedFile loadHere(Path file) {
    String text;
    try {
      text = files.read(file);
    } catch (RefusedFileException e) {
      return failed(file, null, Diagnostic.error(file, 0, 0, refusal(e)));
    }
    SourceIndex index = SourceIndex.of(text);
    IdlTokens tokens = IdlTokens.of(file, text);
    if (!tokens.lexerErrors().isEmpty()) {
      return new LoadedFile(file, false, 0, 0, List.of(), index, tokens.lexerErrors());
    }
    ParseContext context = new ParseContext();
    Set<Path> read = new HashSet<>(Set.of(file.toAbsolutePath().normalize()));
    List<Diagnostic> importErrors = new ArrayList<>();
    for (IdlTokens.Import statement : tokens.imports()) {
      try {
        importInto(context, read, file, statement, 1);
      } catch (ImportFailure failure) {
        importErrors.add(Diagnostic.error(file, statement.line(), statement.column(),
            "import \"" + statement.location() + "\"" + failure.problem));
      }
    }
    if (!importErrors.isEmpty()) {
      return new LoadedFile(file, false, 0, 0, List.of(), index, importErrors);
    }
    IdlFile idl;
    try {
      idl = new IdlReader(context).parse(directoryOf(file), tokens.withoutImports());
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

  private static String refusal(RefusedFileException e) {
    return e.reason() == RefusedFileException.Reason.MISSING ? "no such file" : e.describe("the file");
  }

  /** What went wrong with one import, in words that follow {@code import "…"}; never text of the file. */
  private static final class ImportFailure extends Exception {
    private final String problem;

    ImportFailure(String problem) {
      super(problem, null, false, false);
      this.problem = problem;
    }

    /** The same problem seen from the file that imports the file that has it. */
    ImportFailure nested() {
      return new ImportFailure(problem.startsWith(": a file it imports") ? problem : ": a file it imports" + problem);
    }
  }

  /**
   * Reads one import into {@code context} the way Avro's reader would, after checking it: IDL files
   * recursively (each file once), JSON schemas and protocols through Avro's own parsers.
   */
  private void importInto(ParseContext context, Set<Path> read, Path importing, IdlTokens.Import statement, int depth)
      throws ImportFailure {
    if (depth > MAX_IMPORT_DEPTH) {
      throw new ImportFailure(": imports nest deeper than " + MAX_IMPORT_DEPTH + " files");
    }
    Path target;
    String text;
    try {
      target = files.resolveImport(importing, statement.location());
      if (!read.add(target)) {
        return;
      }
      text = importedText(target);
    } catch (RefusedFileException e) {
      throw new ImportFailure(e.reason() == RefusedFileException.Reason.MISSING
          ? " does not exist next to " + importing.getFileName()
          : e.describe(""));
    }
    try {
      switch (statement.type()) {
        case "idl" -> {
          IdlTokens tokens = importedTexts.containsKey(target)
              ? importedTokens.computeIfAbsent(target, t -> IdlTokens.of(t, text))
              : IdlTokens.of(target, text);
          if (!tokens.lexerErrors().isEmpty()) {
            throw new ImportFailure(": the imported file is not valid Avro IDL");
          }
          for (IdlTokens.Import nested : tokens.imports()) {
            try {
              importInto(context, read, target, nested, depth + 1);
            } catch (ImportFailure failure) {
              throw failure.nested();
            }
          }
          new IdlReader(context).parse(directoryOf(target), tokens.withoutImports());
        }
        case "protocol" -> {
          for (Schema type : Protocol.parse(text).getTypes()) {
            context.put(type);
          }
        }
        default -> new JsonSchemaParser().parse(context, directoryOf(target), text);
      }
    } catch (IOException | RuntimeException e) {
      throw new ImportFailure(importProblem(statement.type(), e));
    }
  }

  /**
   * A file many files import (a shared types file) is read and lexed once per loader; a loader
   * lives for one command. Small files only, and not too many, so memory stays bounded.
   */
  private String importedText(Path target) {
    String cached = importedTexts.get(target);
    if (cached != null) {
      return cached;
    }
    String text = files.read(target);
    if (text.length() <= MAX_CACHED_CHARS && importedTexts.size() < MAX_CACHED_FILES) {
      importedTexts.putIfAbsent(target, text);
    }
    return text;
  }

  private static String importProblem(String type, Exception e) {
    if (e.getMessage() != null && e.getMessage().startsWith("Can't redefine")) {
      return ": the imported file defines a name that is already defined";
    }
    return switch (type) {
      case "idl" -> ": the imported file is not valid Avro IDL";
      case "protocol" -> ": the imported file is not a valid Avro protocol (JSON)";
      default -> ": the imported file is not a valid Avro schema (JSON)";
    };
  }

  private static URI directoryOf(Path file) {
    return file.toAbsolutePath().normalize().getParent().toUri();
  }

  private static LoadedFile failed(Path file, SourceIndex index, Diagnostic diagnostic) {
    return new LoadedFile(file, false, 0, 0, List.of(), index == null ? SourceIndex.of("") : index, List.of(diagnostic));
  }

  private static Diagnostic parseError(Path file, SourceIndex index, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    // A wrapped exception's message starts with the class of the one it wraps.
    message = JAVA_CLASS_PREFIX.matcher(message).replaceFirst("");
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
