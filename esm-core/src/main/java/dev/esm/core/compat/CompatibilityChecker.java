package dev.esm.core.compat;

import dev.esm.core.schema.EventDeclaration;
import dev.esm.core.schema.LoadedFile;
import dev.esm.core.schema.SourceIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks every record that two versions of the schemas both declare (matched by full name) and
 * that changed, with Avro's own {@link SchemaCompatibility}, and places each incompatibility at
 * the field of the new version it concerns.
 *
 * <p>Avro's locations are JSON pointers into the reader schema, and deep ones are not reliable
 * (Avro remembers the verdict on a pair of nested records and hands it back with the location
 * of the first encounter). So a record's own fields are checked one by one, matched as Avro
 * matches them (by name, then by the reader field's aliases): Avro's verdict on each changed
 * field's type gives the field exactly, and a change inside a nested record is left to the
 * check of that nested record, which reports it at its own field.
 */
public final class CompatibilityChecker {

  private final CompatibilityMode mode;
  private final int parallelism;

  public CompatibilityChecker(CompatibilityMode mode) {
    this(mode, 1);
  }

  /** @param parallelism how many records are checked at once (they share nothing) */
  public CompatibilityChecker(CompatibilityMode mode, int parallelism) {
    this.mode = mode;
    this.parallelism = parallelism;
  }

  /** Where a record of the new version is declared. */
  private record Declared(EventDeclaration event, SourceIndex index) {}

  /**
   * @param base the files of the old version (only their records are used)
   * @param head the files of the new version: their records are checked and located
   */
  public CompatibilityReport check(List<LoadedFile> base, List<LoadedFile> head) {
    if (mode == CompatibilityMode.NONE) {
      return new CompatibilityReport(mode, 0, List.of());
    }
    Map<String, Schema> old = new HashMap<>();
    for (LoadedFile file : base) {
      file.events().forEach(e -> old.putIfAbsent(e.fullName(), e.schema()));
    }
    Map<String, Declared> declared = new LinkedHashMap<>();
    for (LoadedFile file : head) {
      file.events().forEach(e -> declared.putIfAbsent(e.fullName(), new Declared(e, file.index())));
    }
    Set<String> changed = new HashSet<>();
    declared.forEach((name, d) -> {
      Schema before = old.get(name);
      if (before != null && !before.equals(d.event().schema())) {
        changed.add(name);
      }
    });
    List<String> names = changed.stream().sorted().toList();
    java.util.function.Function<String, List<dev.esm.core.compat.Incompatibility>> checkOne = name -> {
      Declared d = declared.get(name);
      Schema now = d.event().schema();
      Schema before = old.get(name);
      List<dev.esm.core.compat.Incompatibility> one = new ArrayList<>();
      if (mode.checksBackward()) {
        new RecordCheck(d, now, before, Direction.BACKWARD, changed).run(one);
      }
      if (mode.checksForward()) {
        new RecordCheck(d, before, now, Direction.FORWARD, changed).run(one);
      }
      return one;
    };
    List<List<dev.esm.core.compat.Incompatibility>> perRecord;
    if (parallelism <= 1 || names.size() < 64) {
      perRecord = names.stream().map(checkOne).toList();
    } else {
      java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(parallelism);
      try {
        perRecord = pool.submit(() -> names.parallelStream().map(checkOne).toList()).join();
      } finally {
        pool.shutdown();
      }
    }
    Found found = new Found();
    perRecord.forEach(list -> list.forEach(found::add));
    return new CompatibilityReport(mode, changed.size(), List.copyOf(found.byKey.values()));
  }

  /**
   * What was found so far, each once: by place and explanation, and under full the same change
   * seen from the other direction is reported once.
   */
  private static final class Found {
    final Map<String, dev.esm.core.compat.Incompatibility> byKey = new LinkedHashMap<>();
    private final Map<String, String> keyByPlace = new HashMap<>();

    void add(dev.esm.core.compat.Incompatibility incompatibility) {
      String place = incompatibility.file() + ":" + incompatibility.line() + ":" + incompatibility.column() + ":"
          + incompatibility.type() + ":" + incompatibility.fieldPath();
      String key = place + ":" + incompatibility.explanation();
      if (byKey.containsKey(key)) {
        return;
      }
      String sameChange = keyByPlace.get(place);
      if (sameChange != null && byKey.get(sameChange).direction() != incompatibility.direction()) {
        byKey.put(sameChange, byKey.get(sameChange).in(Direction.BOTH));
        return;
      }
      keyByPlace.putIfAbsent(place, key);
      byKey.put(key, incompatibility);
    }
  }

  /** One record, one direction. */
  private static final class RecordCheck {
    private final Declared declared;
    private final Schema reader;
    private final Schema writer;
    private final Direction direction;
    private final Set<String> checkedOnTheirOwn;
    /** The fields of the record's declaration in the new version, scanned once. */
    private List<SourceIndex.Field> fields;

    RecordCheck(Declared declared, Schema reader, Schema writer, Direction direction, Set<String> checkedOnTheirOwn) {
      this.declared = declared;
      this.reader = reader;
      this.writer = writer;
      this.direction = direction;
      this.checkedOnTheirOwn = checkedOnTheirOwn;
    }

    void run(List<dev.esm.core.compat.Incompatibility> found) {
      for (Schema.Field readerField : reader.getFields()) {
        Schema.Field writerField = writerField(readerField);
        if (writerField == null) {
          if (!readerField.hasDefaultValue()) {
            missing(readerField, found);
          }
          continue;
        }
        if (readerField.schema().equals(writerField.schema())) {
          continue; // The same type reads itself: nothing to ask.
        }
        var pair = SchemaCompatibility.checkReaderWriterCompatibility(readerField.schema(), writerField.schema());
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
          continue;
        }
        String headName = direction == Direction.BACKWARD ? readerField.name() : writerField.name();
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
          String suffix = Locations.suffix(readerField.schema(), tokens(incompatibility.getLocation()), checkedOnTheirOwn);
          if (suffix != null) {
            add(found, incompatibility, headName, suffix, readerField.schema());
          }
        }
      }
    }

    /**
     * A reader field the writer lacks, without a default: Avro's verdict, asked on the record
     * reduced to that field against the record without it (Avro describes an incompatible pair
     * by printing both schemas, which for whole records costs more than the check itself).
     */
    private void missing(Schema.Field readerField, List<dev.esm.core.compat.Incompatibility> found) {
      Schema alone = Schema.createRecord(reader.getName(), null, reader.getNamespace(), reader.isError(),
          List.of(new Schema.Field(readerField, readerField.schema())));
      Schema without = Schema.createRecord(reader.getName(), null, reader.getNamespace(), reader.isError(), List.of());
      var pair = SchemaCompatibility.checkReaderWriterCompatibility(alone, without);
      for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
        add(found, incompatibility, readerField.name(), "", readerField.schema());
      }
    }

    /** The writer's field that Avro reads into {@code readerField}: same name, else an alias. */
    private Schema.Field writerField(Schema.Field readerField) {
      Schema.Field same = writer.getField(readerField.name());
      if (same != null) {
        return same;
      }
      for (String alias : readerField.aliases()) {
        Schema.Field aliased = writer.getField(alias);
        if (aliased != null) {
          return aliased;
        }
      }
      return null;
    }

    private void add(List<dev.esm.core.compat.Incompatibility> found, Incompatibility avro, String headField, String suffix, Schema fieldType) {
      EventDeclaration event = declared.event();
      SourceIndex.Declaration declaration = event.declaration();
      int line = declaration.line();
      int column = declaration.column();
      if (fields == null) {
        fields = declared.index().fields(declaration);
      }
      for (SourceIndex.Field field : fields) {
        if (field.name().equals(headField)) {
          line = field.line();
          column = field.column();
          break;
        }
      }
      Explanations.Text text = Explanations.of(avro, direction, headField + suffix, fieldType);
      found.add(new dev.esm.core.compat.Incompatibility(event.file(), line, column, avro.getType().name(), event.fullName(),
          event.name() + "." + headField + suffix, direction, text.explanation(), text.hint()));
    }
  }

  /** {@code /fields/1/type} → {@code [fields, 1, type]}. */
  static String[] tokens(String location) {
    if (location == null || location.isEmpty() || location.equals("/")) {
      return new String[0];
    }
    return (location.startsWith("/") ? location.substring(1) : location).split("/");
  }
}
