package dev.esm.core.coverage;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;

/**
 * The full name of the Java class that Avro's compiler generates for a record: the namespace and
 * the name, each part mangled by the compiler's own rules ({@code record} becomes {@code record$},
 * a namespace part {@code int} becomes {@code int$}).
 */
public final class GeneratedClassName {

  private GeneratedClassName() {}

  public static String of(Schema record) {
    String name = SpecificCompiler.mangleTypeIdentifier(record.getName());
    String namespace = record.getNamespace();
    if (namespace == null || namespace.isEmpty()) {
      return name;
    }
    return Arrays.stream(namespace.split("\\.")).map(SpecificCompiler::mangle).collect(Collectors.joining(".")) + "." + name;
  }

  static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
