package dev.esm.core.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.StringWriter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Monitor bodies as JSON, the way Datadog's monitors API takes them. */
public final class MonitorJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private MonitorJson() {}

  /** The API body of one monitor: name, type, query, message, tags, priority, options. */
  public static Map<String, Object> body(MonitorDefinition definition) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", definition.name());
    body.put("type", definition.type());
    body.put("query", definition.query());
    body.put("message", definition.message());
    body.put("tags", definition.tags());
    if (definition.priority() != null) {
      body.put("priority", definition.priority());
    }
    body.put("options", plainNumbers(definition.options()));
    return body;
  }

  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  /** The bodies as a JSON array, written field by field (thousands of monitors stay cheap). */
  public static String array(List<DesiredMonitor> monitors) {
    StringWriter out = new StringWriter(monitors.size() * 1536 + 16);
    try (JsonGenerator json = PRETTY.createGenerator(out)) {
      json.writeStartArray();
      for (DesiredMonitor monitor : monitors) {
        MonitorDefinition definition = monitor.definition();
        json.writeStartObject();
        json.writeStringField("name", definition.name());
        json.writeStringField("type", definition.type());
        json.writeStringField("query", definition.query());
        json.writeStringField("message", definition.message());
        json.writeArrayFieldStart("tags");
        for (String tag : definition.tags()) {
          json.writeString(tag);
        }
        json.writeEndArray();
        if (definition.priority() != null) {
          json.writeNumberField("priority", definition.priority());
        }
        json.writeFieldName("options");
        writeValue(json, plainNumbers(definition.options()));
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        writeValue(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof Integer number) {
      json.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      json.writeNumber(number);
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value.toString());
    }
  }

  /** Pretty JSON with two-space indents and {@code "key": value}, ending in a newline. */
  public static String write(Object value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whole numbers as integers (1, not 1.0); others as decimals. */
  @SuppressWarnings("unchecked")
  static Object plainNumbers(Object value) {
    if (value instanceof Number number && !(value instanceof Integer) && !(value instanceof Long)) {
      if (number instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return d.longValue();
      }
      BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
      return decimal.scale() <= 0 ? (Object) decimal.longValueExact() : (Object) decimal;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> result.put(k, plainNumbers(v)));
      return result;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(MonitorJson::plainNumbers).toList();
    }
    return value;
  }
}
