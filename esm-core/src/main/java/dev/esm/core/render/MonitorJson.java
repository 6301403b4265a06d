package dev.esm.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
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

  public static String array(List<DesiredMonitor> monitors) {
    List<Map<String, Object>> bodies = new ArrayList<>();
    monitors.forEach(m -> bodies.add(body(m.definition())));
    return write(bodies);
  }

  /** Pretty JSON with two-space indents and {@code "key": value}, ending in a newline. */
  public static String write(Object value) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whole numbers as integers (1, not 1.0); others as decimals. */
  @SuppressWarnings("unchecked")
  static Object plainNumbers(Object value) {
    if (value instanceof Number number && !(value instanceof Integer) && !(value instanceof Long)) {
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
