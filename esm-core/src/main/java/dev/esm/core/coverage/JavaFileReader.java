package dev.esm.core.coverage;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.esm.core.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one Java file with javaparser and keeps what name resolution needs. Only expressions
 * whose last name is the simple name of some event class are looked at closely; whether that name
 * really means the event's class is decided later, by {@link NameResolver}, as javac would.
 * Not thread-safe: one reader per thread.
 */
final class JavaFileReader {

  static final String NEW_BUILDER = "newBuilder";

  private final JavaParser parser;
  private final Set<String> eventSimpleNames;

  JavaFileReader(Set<String> eventSimpleNames) {
    this.parser = new JavaParser(configuration());
    this.eventSimpleNames = eventSimpleNames;
  }

  /** The configuration of every parse, shared with the benchmark's parser-alone baseline. */
  static ParserConfiguration configuration() {
    return new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
        .setAttributeComments(false);
  }

  JavaFile read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return JavaFile.skipped(path, Diagnostic.warning(path, 0, 0, "cannot read this Java file, skipped: " + e));
    }
    ParseResult<CompilationUnit> result = parser.parse(text);
    if (!result.isSuccessful() || result.getResult().isEmpty()) {
      return JavaFile.skipped(path, parseProblem(path, result.getProblems()));
    }
    return facts(path, result.getResult().get());
  }

  private static Diagnostic parseProblem(Path path, List<Problem> problems) {
    if (problems.isEmpty()) {
      return Diagnostic.warning(path, 0, 0, "does not parse as Java, skipped");
    }
    Problem first = problems.get(0);
    int line = first.getLocation().flatMap(l -> l.toRange()).map(r -> r.begin.line).orElse(0);
    String message = first.getMessage().lines().findFirst().orElse("").strip();
    int expected = message.indexOf(", expected");
    if (expected > 0) {
      message = message.substring(0, expected);
    }
    return Diagnostic.warning(path, line, 0, "does not parse as Java, skipped: " + message);
  }

  private JavaFile facts(Path path, CompilationUnit unit) {
    String packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    Map<String, String> singleType = new HashMap<>();
    List<String> onDemand = new ArrayList<>();
    List<String> statics = new ArrayList<>();
    List<String> staticOnDemand = new ArrayList<>();
    for (ImportDeclaration declaration : unit.getImports()) {
      String name = declaration.getNameAsString();
      if (declaration.isStatic() && declaration.isAsterisk()) {
        staticOnDemand.add(name);
      } else if (declaration.isStatic()) {
        if (name.endsWith("." + NEW_BUILDER)) {
          statics.add(name.substring(0, name.length() - NEW_BUILDER.length() - 1));
        }
      } else if (declaration.isAsterisk()) {
        onDemand.add(name);
      } else {
        singleType.putIfAbsent(GeneratedClassName.simpleName(name), name);
      }
    }
    List<String> declared = new ArrayList<>();
    for (TypeDeclaration<?> type : unit.getTypes()) {
      declareTypes(type, packageName.isEmpty() ? "" : packageName + ".", declared);
    }
    List<JavaFile.Candidate> candidates = new ArrayList<>();
    unit.walk(node -> {
      if (node instanceof ObjectCreationExpr creation) {
        creation(creation, candidates);
      } else if (node instanceof MethodCallExpr call) {
        newBuilder(call, candidates);
      }
    });
    return new JavaFile(path, packageName, singleType, onDemand, statics, staticOnDemand, declared, candidates, null);
  }

  private static void declareTypes(TypeDeclaration<?> type, String prefix, List<String> into) {
    String name = prefix + type.getNameAsString();
    into.add(name);
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (member instanceof TypeDeclaration<?> nested) {
        declareTypes(nested, name + ".", into);
      }
    }
  }

  /** {@code new X(…)}: a type context, where a variable never hides a type. */
  private void creation(ObjectCreationExpr creation, List<JavaFile.Candidate> into) {
    if (creation.getScope().isPresent() || !eventSimpleNames.contains(creation.getType().getNameAsString())) {
      return;
    }
    candidate(creation, creation.getType().getNameWithScope(), false, into);
  }

  /** {@code X.newBuilder()} or {@code X.newBuilder(other)}: X is an ambiguous name, where a variable hides a type. */
  private void newBuilder(MethodCallExpr call, List<JavaFile.Candidate> into) {
    if (!call.getNameAsString().equals(NEW_BUILDER) || call.getArguments().size() > 1) {
      return;
    }
    if (call.getScope().isEmpty()) {
      if (!Scopes.declaresMethod(call, NEW_BUILDER) && !Scopes.insideGeneratedCode(call)) {
        into.add(new JavaFile.Candidate(line(call), null, "", "", true));
      }
      return;
    }
    String written = dottedName(call.getScope().get());
    if (written == null || !eventSimpleNames.contains(GeneratedClassName.simpleName(written))) {
      return;
    }
    candidate(call, written, true, into);
  }

  private static void candidate(Expression site, String written, boolean ambiguous, List<JavaFile.Candidate> into) {
    if (Scopes.insideGeneratedCode(site)) {
      return;
    }
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String rest = dot < 0 ? "" : written.substring(dot);
    Scopes.Meaning meaning = Scopes.lookUp(site, first, ambiguous);
    switch (meaning.kind()) {
      case VARIABLE, LOCAL_TYPE -> {
        // a variable's method, or a class declared inside a method or a type variable: never an event class
      }
      case TYPE -> into.add(new JavaFile.Candidate(line(site), meaning.fullName() + rest, first, rest, false));
      case FREE -> into.add(new JavaFile.Candidate(line(site), null, first, rest, false));
    }
  }

  private static int line(Node node) {
    return node.getBegin().map(p -> p.line).orElse(0);
  }

  /** {@code a.b.C} for a name or a chain of field accesses on names; null for any other expression. */
  private static String dottedName(Expression expression) {
    if (expression instanceof NameExpr name) {
      return name.getNameAsString();
    }
    if (expression instanceof FieldAccessExpr access && access.getTypeArguments().isEmpty()) {
      String scope = dottedName(access.getScope());
      return scope == null ? null : scope + "." + access.getNameAsString();
    }
    return null;
  }
}
