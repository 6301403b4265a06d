package dev.esm.core.schema;

import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * A record declared in a schema file: Avro's view of it (name, doc, annotation values) and where
 * it stands in the file. A record imported from another file is declared there, not here.
 */
public record EventDeclaration(Schema schema, Path file, SourceIndex.Declaration declaration) {

  public static final String MONITOR = "monitor";
  public static final String OWNER = "owner";

  public String name() {
    return schema.getName();
  }

  public String fullName() {
    return schema.getFullName();
  }

  /** The record's doc comment, or an empty string. */
  public String doc() {
    return schema.getDoc() == null ? "" : schema.getDoc().strip();
  }

  /** The parsed JSON value of {@code @monitor}, or null when the record has none. */
  public Object monitorValue() {
    return schema.getObjectProp(MONITOR);
  }

  public Object ownerValue() {
    return schema.getObjectProp(OWNER);
  }

  public boolean isMonitored() {
    return monitorValue() != null;
  }

  /** The line of an annotation of this record, or of the record itself when it has none. */
  public int lineOf(String annotation) {
    SourceIndex.Annotation site = declaration.annotation(annotation);
    return site == null ? declaration.line() : site.line();
  }

  public int columnOf(String annotation) {
    SourceIndex.Annotation site = declaration.annotation(annotation);
    return site == null ? declaration.column() : site.column();
  }
}
