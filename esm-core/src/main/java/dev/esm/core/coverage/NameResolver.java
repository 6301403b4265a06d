package dev.esm.core.coverage;

import java.util.List;
import java.util.Set;

/**
 * Resolves a candidate's class name as javac does once the declarations around it have had their
 * say (JLS 6.4.1, 7.5): a single-type import, then a type of the same package, then the
 * on-demand imports (a name two of them supply is ambiguous and means nothing here); a name that
 * none of these explains starts with a package name. Types are those the sources declare and the
 * event classes that Avro generates at build time.
 */
final class NameResolver {

  private final Set<String> knownTypes;
  private final Set<String> eventClasses;

  NameResolver(Set<String> knownTypes, Set<String> eventClasses) {
    this.knownTypes = knownTypes;
    this.eventClasses = eventClasses;
  }

  /** The full name of the class the candidate builds, or null when it cannot be told. */
  String resolve(JavaFile file, JavaFile.Candidate candidate) {
    if (candidate.viaStaticImport()) {
      return staticallyImported(file);
    }
    if (candidate.resolvedHere() != null) {
      return candidate.resolvedHere();
    }
    String base = file.singleTypeImports().get(candidate.first());
    if (base == null) {
      String samePackage = qualify(file.packageName(), candidate.first());
      if (knownTypes.contains(samePackage)) {
        base = samePackage;
      }
    }
    if (base == null) {
      List<String> onDemand = file.onDemandImports().stream()
          .map(prefix -> prefix + "." + candidate.first())
          .filter(knownTypes::contains)
          .distinct()
          .toList();
      if (onDemand.size() > 1) {
        return null;
      }
      base = onDemand.isEmpty() ? null : onDemand.get(0);
    }
    if (base == null) {
      return candidate.rest().isEmpty() ? null : candidate.first() + candidate.rest();
    }
    return base + candidate.rest();
  }

  /** An unqualified {@code newBuilder(…)}: a single static import wins over the on-demand ones. */
  private String staticallyImported(JavaFile file) {
    if (!file.staticImports().isEmpty()) {
      return file.staticImports().size() == 1 ? file.staticImports().get(0) : null;
    }
    List<String> events = file.staticOnDemandImports().stream().filter(eventClasses::contains).distinct().toList();
    return events.size() == 1 ? events.get(0) : null;
  }

  private static String qualify(String packageName, String name) {
    return packageName.isEmpty() ? name : packageName + "." + name;
  }
}
