package dev.esm.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.diagnostic.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code esm.yaml}: the user's file is checked on its own (unknown keys and wrong types are
 * reported at their line), then merged over the built-in defaults and checked as a whole.
 */
public final class ConfigLoader {

  private static final String DEFAULTS = "defaults.yaml";

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The built-in configuration alone. */
  /** The environment variable naming the configuration file. */
  public static final String ENV_CONFIG = "ESM_CONFIG";
  /** The configuration file looked for in the working directory. */
  public static final String DEFAULT_FILE = "esm.yaml";

  /**
   * The configuration of every front end (command line and service), from the first of: the file
   * named on the command line, the file named by {@code ESM_CONFIG}, {@code esm.yaml} in the
   * working directory, the built-in defaults. A file named but missing is a usage error.
   *
   * @param named the file given with {@code --config}, or null
   */
  public EsmConfig locate(Path named, Map<String, String> env) {
    Path file = named;
    String fromEnvironment = env.get(ENV_CONFIG);
    if (file == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
      file = Path.of(fromEnvironment.strip());
    }
    if (file == null) {
      return Files.isRegularFile(Path.of(DEFAULT_FILE)) ? load(Path.of(DEFAULT_FILE)) : defaults();
    }
    if (!Files.isRegularFile(file)) {
      throw new EsmException(EsmException.Kind.USAGE, "configuration file not found: " + file);
    }
    return load(file);
  }

  public EsmConfig defaults() {
    return bind(defaultsTree(), null);
  }

  public EsmConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Diagnostic.error(file, 0, 0, "configuration file not found"));
    } catch (IOException e) {
      throw new InvalidInputException(Diagnostic.error(file, 0, 0, "cannot read configuration: " + e.getMessage()));
    }
    return parse(text, file);
  }

  /** Parses configuration text; {@code file} is only used to name it in errors. */
  public EsmConfig parse(String text, Path file) {
    JsonNode user;
    try {
      user = text.isBlank() ? MissingNode.getInstance() : yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(located(file, e, "not valid YAML: " + e.getOriginalMessage()));
    }
    if (user == null || user.isMissingNode() || user.isNull()) {
      return bind(defaultsTree(), file).withSource(file);
    }
    if (!user.isObject()) {
      throw new InvalidInputException(Diagnostic.error(file, 1, 1, "the configuration must be a YAML mapping of keys"));
    }
    YamlKeyLocator locator = new YamlKeyLocator(text);
    checkAlone(text, file, locator);
    ObjectNode merged = defaultsTree();
    merge(merged, (ObjectNode) user);
    EsmConfig config = bind(merged, file).withSource(file);
    List<Diagnostic> problems = new ConfigValidator(file, locator).validate(config);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return config;
  }

  private void checkAlone(String text, Path file, YamlKeyLocator locator) {
    try {
      yaml.readValue(text, EsmConfig.class);
    } catch (UnrecognizedPropertyException e) {
      Collection<String> known = e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toList());
      String message = "unknown key \"" + e.getPropertyName() + "\"" + where(e)
          + Suggestions.didYouMean(e.getPropertyName(), known);
      throw new InvalidInputException(located(file, e, locator, message));
    } catch (JsonMappingException e) {
      throw new InvalidInputException(located(file, e, locator, "wrong value for " + keyPath(e) + ": " + cleanMessage(e)));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(located(file, e, "not valid YAML: " + e.getOriginalMessage()));
    }
  }

  private static String keyPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String where(JsonMappingException e) {
    String path = keyPath(e);
    int lastDot = path.lastIndexOf('.');
    return lastDot < 0 ? "" : " in " + path.substring(0, lastDot);
  }

  private static String cleanMessage(JsonMappingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException && root.getMessage() != null) {
      return root.getMessage();
    }
    String message = e.getOriginalMessage();
    int detail = message.indexOf(" from ");
    return detail > 0 && message.startsWith("Cannot deserialize") ? "expected " + describeTarget(message) : message;
  }

  private static String describeTarget(String jacksonMessage) {
    if (jacksonMessage.contains("java.util.List") || jacksonMessage.contains("ArrayList")) {
      return "a list";
    }
    if (jacksonMessage.contains("java.util.Map") || jacksonMessage.contains("LinkedHashMap") || jacksonMessage.contains("$")) {
      return "a mapping of keys";
    }
    if (jacksonMessage.contains("Integer") || jacksonMessage.contains("int")) {
      return "a whole number";
    }
    return "a text value";
  }

  /** At the key the path names, found in the text; Jackson's own location is the token after it. */
  private static Diagnostic located(Path file, JsonMappingException e, YamlKeyLocator locator, String message) {
    List<String> path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : null)
        .filter(java.util.Objects::nonNull)
        .toList();
    int[] at = locator.locate(path);
    return at[0] > 0 ? Diagnostic.error(file, at[0], at[1], message) : located(file, e, message);
  }

  private static Diagnostic located(Path file, JsonProcessingException e, String message) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : Math.max(0, location.getLineNr());
    int column = location == null ? 0 : Math.max(0, location.getColumnNr());
    return Diagnostic.error(file, line, column, message);
  }

  private EsmConfig bind(JsonNode tree, Path file) {
    try {
      return yaml.treeToValue(tree, EsmConfig.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(Diagnostic.error(file, 0, 0, "invalid configuration: " + e.getOriginalMessage()));
    }
  }

  private ObjectNode defaultsTree() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      return (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("built-in configuration is unreadable", e);
    }
  }

  /** Maps merge key by key; lists, scalars and nulls replace; a null removes a kind. */
  static void merge(ObjectNode base, ObjectNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = base.get(field.getKey());
      JsonNode value = field.getValue();
      if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
        merge(existingObject, valueObject);
      } else if (value instanceof NullNode && existing instanceof ObjectNode) {
        base.remove(field.getKey());
      } else {
        base.set(field.getKey(), value);
      }
    }
  }
}
