package dev.esm.core.coverage;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.Optional;

/**
 * What a simple name means at a place in a compilation unit, from the declarations around it
 * (JLS 6.4, 6.5): a variable in scope hides a type of that name where either could be meant; a
 * local class, a type parameter, a member type or an enclosing type hides an imported one.
 * Imports and packages are the {@link NameResolver}'s.
 */
final class Scopes {

  enum Kind { VARIABLE, LOCAL_TYPE, TYPE, FREE }

  record Meaning(Kind kind, String fullName) {
    static final Meaning FREE = new Meaning(Kind.FREE, null);
    static final Meaning VARIABLE = new Meaning(Kind.VARIABLE, null);
    static final Meaning LOCAL_TYPE = new Meaning(Kind.LOCAL_TYPE, null);

    static Meaning type(TypeDeclaration<?> type) {
      return type.getFullyQualifiedName().map(n -> new Meaning(Kind.TYPE, n)).orElse(LOCAL_TYPE);
    }
  }

  private Scopes() {}

  /**
   * @param ambiguous true where a variable could be meant ({@code X.newBuilder()}), false in a
   *     type context ({@code new X()})
   */
  static Meaning lookUp(Node site, String name, boolean ambiguous) {
    if (ambiguous && variableInScope(site, name)) {
      return Meaning.VARIABLE;
    }
    Node child = site;
    for (Node parent = site.getParentNode().orElse(null); parent != null; child = parent, parent = parent.getParentNode().orElse(null)) {
      Meaning meaning = typeDeclaredIn(parent, child, name);
      if (meaning != null) {
        return meaning;
      }
    }
    return Meaning.FREE;
  }

  /** Whether a type around the site declares a method of that name: then an unqualified call means it. */
  static boolean declaresMethod(Node site, String method) {
    for (Node parent = site.getParentNode().orElse(null); parent != null; parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof TypeDeclaration<?> type && !type.getMethodsByName(method).isEmpty()) {
        return true;
      }
      if (parent instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
          && creation.getAnonymousClassBody().get().stream()
              .anyMatch(m -> m instanceof MethodDeclaration d && d.getNameAsString().equals(method))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the site is inside a class Avro's compiler generated: its own builders are not a service emitting. */
  static boolean insideGeneratedCode(Node site) {
    for (Node parent = site.getParentNode().orElse(null); parent != null; parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof TypeDeclaration<?> type && (type.getAnnotationByName("AvroGenerated").isPresent()
          || type.getAnnotationByName("org.apache.avro.specific.AvroGenerated").isPresent())) {
        return true;
      }
    }
    return false;
  }

  private static boolean variableInScope(Node site, String name) {
    Node child = site;
    for (Node parent = site.getParentNode().orElse(null); parent != null; child = parent, parent = parent.getParentNode().orElse(null)) {
      if (declaresVariable(parent, child, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresVariable(Node parent, Node child, String name) {
    if (parent instanceof BlockStmt block) {
      return statementsUpTo(block.getStatements(), child, name);
    }
    if (parent instanceof SwitchEntry entry) {
      return statementsUpTo(entry.getStatements(), child, name);
    }
    if (parent instanceof CallableDeclaration<?> callable) {
      return hasParameter(callable.getParameters(), name);
    }
    if (parent instanceof LambdaExpr lambda) {
      return hasParameter(lambda.getParameters(), name);
    }
    if (parent instanceof ForStmt loop) {
      return loop.getInitialization().stream().anyMatch(e -> declares(e, name));
    }
    if (parent instanceof ForEachStmt loop) {
      return declares(loop.getVariable(), name);
    }
    if (parent instanceof TryStmt attempt) {
      return attempt.getResources().stream().anyMatch(e -> declares(e, name));
    }
    if (parent instanceof CatchClause clause) {
      return clause.getParameter().getNameAsString().equals(name);
    }
    if (parent instanceof TypeDeclaration<?> type) {
      return membersDeclareField(type.getMembers(), name)
          || (type instanceof EnumDeclaration e && e.getEntries().stream().anyMatch(c -> c.getNameAsString().equals(name)))
          || (type instanceof RecordDeclaration r && hasParameter(r.getParameters(), name));
    }
    if (parent instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()) {
      return membersDeclareField(creation.getAnonymousClassBody().get(), name);
    }
    return false;
  }

  /** Statements before the child, and the child's own declaration (a variable is in scope in its initializer). */
  private static boolean statementsUpTo(NodeList<Statement> statements, Node child, String name) {
    for (Statement statement : statements) {
      if (statement instanceof ExpressionStmt expression && declares(expression.getExpression(), name)) {
        return true;
      }
      if (statement == child) {
        return false;
      }
    }
    return false;
  }

  private static boolean declares(Expression expression, String name) {
    return expression instanceof VariableDeclarationExpr declaration
        && declaration.getVariables().stream().anyMatch(v -> v.getNameAsString().equals(name));
  }

  private static boolean hasParameter(NodeList<Parameter> parameters, String name) {
    return parameters.stream().anyMatch(p -> p.getNameAsString().equals(name));
  }

  private static boolean membersDeclareField(NodeList<BodyDeclaration<?>> members, String name) {
    for (BodyDeclaration<?> member : members) {
      if (member instanceof FieldDeclaration field) {
        for (VariableDeclarator variable : field.getVariables()) {
          if (variable.getNameAsString().equals(name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Meaning typeDeclaredIn(Node parent, Node child, String name) {
    if (parent instanceof BlockStmt block) {
      for (Statement statement : block.getStatements()) {
        if (statement instanceof LocalClassDeclarationStmt local && local.getClassDeclaration().getNameAsString().equals(name)
            || statement instanceof LocalRecordDeclarationStmt record && record.getRecordDeclaration().getNameAsString().equals(name)) {
          return Meaning.LOCAL_TYPE;
        }
        if (statement == child) {
          break;
        }
      }
      return null;
    }
    if (parent instanceof NodeWithTypeParameters<?> generic
        && generic.getTypeParameters().stream().anyMatch(t -> t.getNameAsString().equals(name))) {
      return Meaning.LOCAL_TYPE;
    }
    if (parent instanceof TypeDeclaration<?> type) {
      Optional<Meaning> member = memberType(type.getMembers(), name);
      if (member.isPresent()) {
        return member.get();
      }
      return type.getNameAsString().equals(name) ? Meaning.type(type) : null;
    }
    if (parent instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()) {
      return memberType(creation.getAnonymousClassBody().get(), name).map(m -> Meaning.LOCAL_TYPE).orElse(null);
    }
    return null;
  }

  private static Optional<Meaning> memberType(NodeList<BodyDeclaration<?>> members, String name) {
    return members.stream()
        .filter(m -> m instanceof TypeDeclaration<?> t && t.getNameAsString().equals(name))
        .map(m -> Meaning.type((TypeDeclaration<?>) m))
        .findFirst();
  }
}
