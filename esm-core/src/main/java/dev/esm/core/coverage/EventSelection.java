package dev.esm.core.coverage;

import dev.esm.core.render.Event;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Which records are events (SPEC, "Where events are emitted"): a record that carries
 * {@code @monitor}, or that no other record uses as a field type. A record used only inside
 * others ({@code CartItem}, {@code Money}) is a part of an event, not an event.
 */
public final class EventSelection {

  private EventSelection() {}

  public static List<Event> events(List<Event> records) {
    Set<String> usedByOthers = new HashSet<>();
    for (Event record : records) {
      Schema schema = record.declaration().schema();
      for (Schema.Field field : schema.getFields()) {
        collectRecords(field.schema(), schema.getFullName(), usedByOthers);
      }
    }
    return records.stream()
        .filter(r -> r.declaration().isMonitored() || !usedByOthers.contains(r.declaration().fullName()))
        .toList();
  }

  private static void collectRecords(Schema type, String user, Set<String> into) {
    switch (type.getType()) {
      case RECORD -> {
        if (!type.getFullName().equals(user)) {
          into.add(type.getFullName());
        }
      }
      case UNION -> type.getTypes().forEach(t -> collectRecords(t, user, into));
      case ARRAY -> collectRecords(type.getElementType(), user, into);
      case MAP -> collectRecords(type.getValueType(), user, into);
      default -> {
        // primitives, enums and fixed types are never events
      }
    }
  }
}
