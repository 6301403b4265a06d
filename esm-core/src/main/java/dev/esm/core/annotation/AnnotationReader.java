package dev.esm.core.annotation;

import dev.esm.core.config.Severity;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.config.KindDefinition;
import dev.esm.core.config.ParameterChecks;
import dev.esm.core.config.ParameterSpec;
import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.Suggestions;
import dev.esm.core.schema.EventDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code @monitor} and {@code @owner} annotations of a record and checks every key and
 * value against the kinds of the configuration. Problems are reported at the annotation's line.
 */
public final class AnnotationReader {

  private static final Set<String> COMMON_KEYS = Set.of("type", "severity", "notify", "tags", "qualifier");
  private static final Pattern HANDLE = Pattern.compile("^@[A-Za-z0-9_.@+/-]+$");
  private static final Pattern TAG = Pattern.compile("^[A-Za-z][A-Za-z0-9_./:-]{0,199}$");
  private static final Pattern QUALIFIER = Pattern.compile("^[^()\\n]{1,60}$");

  private final EsmConfig config;

  public AnnotationReader(EsmConfig config) {
    this.config = config;
  }

  /** The record's monitors; problems are added to {@code problems}. */
  public List<MonitorSpec> monitors(EventDeclaration event, List<Diagnostic> problems) {
    Object value = event.monitorValue();
    if (value == null) {
      return List.of();
    }
    int line = event.lineOf(EventDeclaration.MONITOR);
    int column = event.columnOf(EventDeclaration.MONITOR);
    Context at = new Context(event, line, column, problems);
    List<?> entries;
    if (value instanceof Map<?, ?>) {
      entries = List.of(value);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      entries = list;
    } else {
      at.error("@monitor takes a JSON object, or an array of objects, such as "
          + "{\"type\": \"traffic_anomaly\", \"severity\": \"high\"}");
      return List.of();
    }
    List<MonitorSpec> specs = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> map)) {
        at.error("each entry of @monitor must be a JSON object; got " + describe(entry));
        continue;
      }
      MonitorSpec spec = read(map, at);
      if (spec != null) {
        specs.add(spec);
      }
    }
    checkDistinctNames(specs, at);
    return specs;
  }

  /** The {@code @owner} of a record, or null; an owner that is not a string is a problem. */
  public String owner(EventDeclaration event, List<Diagnostic> problems) {
    Object value = event.ownerValue();
    if (value == null) {
      return null;
    }
    if (value instanceof String text && !text.isBlank()) {
      return text.strip();
    }
    problems.add(Diagnostic.error(event.file(), event.lineOf(EventDeclaration.OWNER), event.columnOf(EventDeclaration.OWNER),
        "@owner takes a team name such as \"team-cart\"; got " + describe(value)));
    return null;
  }

  private MonitorSpec read(Map<?, ?> entry, Context at) {
    Object type = entry.get("type");
    if (!(type instanceof String kindName)) {
      at.error(type == null
          ? "@monitor needs a \"type\", one of " + String.join(", ", new TreeSet<>(config.kinds().keySet()))
          : "\"type\" must be a string naming a monitor kind; got " + describe(type));
      return null;
    }
    KindDefinition kind = config.kinds().get(kindName);
    if (kind == null) {
      at.error("unknown monitor type \"" + kindName + "\"" + Suggestions.didYouMean(kindName, config.kinds().keySet())
          + "; known types: " + String.join(", ", new TreeSet<>(config.kinds().keySet())));
      return null;
    }
    int before = at.problems.size();
    Severity severity = severity(entry.get("severity"), at);
    List<String> notify = strings(entry, "notify", HANDLE, "a notification handle such as \"@slack-cart-oncall\"", at);
    List<String> tags = strings(entry, "tags", TAG, "a Datadog tag such as \"service:checkout\"", at);
    tags.stream().filter(t -> t.startsWith("esm-") || t.equals(config.identityTag())).forEach(t ->
        at.error("tag \"" + t + "\" is reserved: ESM tags its own monitors with esm-<environment>"));
    String qualifier = qualifier(entry.get("qualifier"), at);

    Map<String, Object> parameters = new LinkedHashMap<>();
    for (Map.Entry<?, ?> field : entry.entrySet()) {
      String key = String.valueOf(field.getKey());
      if (COMMON_KEYS.contains(key)) {
        continue;
      }
      ParameterSpec spec = kind.parameters().get(key);
      if (spec == null) {
        Set<String> known = new TreeSet<>(kind.parameters().keySet());
        Set<String> allKeys = new TreeSet<>(known);
        allKeys.addAll(COMMON_KEYS);
        at.error(kindName + " has no parameter \"" + key + "\"" + Suggestions.didYouMean(key, allKeys)
            + (known.isEmpty() ? "; it takes none" : "; it takes: " + String.join(", ", known)));
        continue;
      }
      ParameterChecks.problem(key, spec, field.getValue()).ifPresent(at::error);
    }
    kind.parameters().forEach((name, spec) -> {
      Object given = entry.get(name);
      if (given != null) {
        parameters.put(name, given);
      } else if (spec.required()) {
        at.error(kindName + " needs \"" + name + "\"" + (spec.description().isEmpty() ? "" : ": " + spec.description()));
      } else {
        parameters.put(name, spec.defaultValue());
      }
    });
    if (at.problems.size() > before) {
      return null;
    }
    return new MonitorSpec(kindName, severity, notify, tags, qualifier, parameters, at.line, at.column);
  }

  private Severity severity(Object value, Context at) {
    if (value == null) {
      return Severity.MEDIUM;
    }
    List<String> labels = java.util.Arrays.stream(Severity.values()).map(Severity::label).toList();
    if (value instanceof String label) {
      var severity = Severity.fromLabel(label);
      if (severity.isPresent()) {
        return severity.get();
      }
      at.error("severity must be one of " + String.join(", ", labels) + "; got \"" + label + "\""
          + Suggestions.didYouMean(label, labels));
    } else {
      at.error("severity must be one of " + String.join(", ", labels) + "; got " + describe(value));
    }
    return Severity.MEDIUM;
  }

  private static List<String> strings(Map<?, ?> entry, String key, Pattern pattern, String what, Context at) {
    Object value = entry.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      at.error(key + " must be a list, e.g. [" + (key.equals("notify") ? "\"@slack-cart-oncall\"" : "\"service:checkout\"") + "]; got "
          + describe(value));
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof String text && pattern.matcher(text).matches()) {
        result.add(text);
      } else {
        at.error("each entry of " + key + " must be " + what + "; got " + describe(item));
      }
    }
    return result;
  }

  private static String qualifier(Object value, Context at) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text && QUALIFIER.matcher(text.strip()).matches()) {
      return text.strip();
    }
    at.error("qualifier must be a short text without parentheses, such as \"weekend\"; got " + describe(value));
    return null;
  }

  private void checkDistinctNames(List<MonitorSpec> specs, Context at) {
    Set<String> seen = new java.util.HashSet<>();
    for (MonitorSpec spec : specs) {
      String key = spec.kind() + "\u0000" + (spec.qualifier() == null ? "" : spec.qualifier());
      if (!seen.add(key)) {
        at.error("two " + spec.kind() + " monitors on " + at.event.name() + " would have the same name"
            + (spec.qualifier() == null ? ": give each a different \"qualifier\"" : " (qualifier \"" + spec.qualifier() + "\")"));
      }
    }
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return "\"" + text + "\"";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value.toString();
  }

  private static final class Context {
    final EventDeclaration event;
    final int line;
    final int column;
    final List<Diagnostic> problems;

    Context(EventDeclaration event, int line, int column, List<Diagnostic> problems) {
      this.event = event;
      this.line = line;
      this.column = column;
      this.problems = problems;
    }

    void error(String message) {
      problems.add(Diagnostic.error(event.file(), line, column, message));
    }
  }
}
