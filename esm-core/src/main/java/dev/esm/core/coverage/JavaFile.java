package dev.esm.core.coverage;

import dev.esm.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one Java file tells about names: its package, imports, the types it declares, and the
 * candidate emission sites found in it, each still to be resolved against every file's types.
 *
 * @param singleTypeImports simple name to full name, {@code import a.b.X;}
 * @param onDemandImports {@code import a.b.*;} as {@code a.b}
 * @param staticImports of {@code newBuilder}: {@code import static a.b.X.newBuilder;} as {@code a.b.X}
 * @param staticOnDemandImports {@code import static a.b.X.*;} as {@code a.b.X}
 * @param declaredTypes full names of the types declared in the file, nested ones included
 * @param problem why the file was skipped, or null
 */
record JavaFile(
    Path path,
    String packageName,
    Map<String, String> singleTypeImports,
    List<String> onDemandImports,
    List<String> staticImports,
    List<String> staticOnDemandImports,
    List<String> declaredTypes,
    List<Candidate> candidates,
    Diagnostic problem) {

  static JavaFile skipped(Path path, Diagnostic problem) {
    return new JavaFile(path, "", Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), problem);
  }

  /**
   * A {@code new X(…)} or {@code X.newBuilder(…)} whose class name is still to be resolved.
   *
   * @param resolvedHere the full name when the first identifier names a type declared in this
   *     file around the site (a member or enclosing type), else null
   * @param first the first identifier of the name as written ({@code com} of {@code com.acme.X})
   * @param rest the rest with its leading dot, or empty
   * @param viaStaticImport an unqualified {@code newBuilder(…)} that only a static import can explain
   */
  record Candidate(int line, String resolvedHere, String first, String rest, boolean viaStaticImport) {}
}
