package com.acme.shop.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes an event with its schema, sends it, and counts it the way the pipeline's monitors read
 * it: {@code <events metric>{<tag key>:<record name in lower case>}}; an event that cannot be
 * encoded is counted in the serialization-errors metric instead, and not sent.
 */
public final class EventPublisher {

  static {
    // Avro 1.12 loads a generated class by name only from trusted packages: the events' own is one.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
        type -> type.getName().startsWith("com.acme.events.")));
  }

  private final Transport transport;
  private final MeterRegistry registry;
  private final TelemetrySettings settings;

  public EventPublisher(Transport transport, MeterRegistry registry, TelemetrySettings settings) {
    this.transport = transport;
    this.registry = registry;
    this.settings = settings;
  }

  public void publish(String key, SpecificRecord event) {
    String tag = eventTagValue(event);
    byte[] payload;
    try {
      payload = encode(event);
    } catch (IOException | RuntimeException e) {
      registry.counter(settings.serializationErrorsMetric(), settings.eventTagKey(), tag).increment();
      throw new EventEncodingException(event, e);
    }
    transport.send(new Transport.Message(topic(event), key, event.getSchema().getFullName(), payload));
    registry.counter(settings.eventsMetric(), settings.eventTagKey(), tag).increment();
  }

  /** The record's simple name in lower case: ESM's default event tag style ({@code lowercase}). */
  static String eventTagValue(SpecificRecord event) {
    return event.getSchema().getName().toLowerCase(Locale.ROOT);
  }

  private static String topic(SpecificRecord event) {
    return "events." + event.getSchema().getNamespace().replace("com.acme.events.", "");
  }

  private static byte[] encode(SpecificRecord event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
