package dev.esm.core.config;

import dev.esm.core.diagnostic.Diagnostic;
import dev.esm.core.diagnostic.Suggestions;
import dev.esm.core.template.Templates;
import dev.esm.core.template.UnknownVariableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a merged configuration as a whole; each problem names the key path. */
final class ConfigValidator {

  static final Set<String> RESERVED_KEYS = Set.of("type", "severity", "notify", "tags", "qualifier");
  static final Set<String> RUNBOOK_VARIABLES = Set.of("event", "record", "namespace", "team", "kind", "environment", "severity");

  private static final Pattern ENVIRONMENT = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
  private static final Pattern REPOSITORY = Pattern.compile("^[A-Za-z0-9_.-]+/([A-Za-z0-9_.-]+|\\*)$");
  private static final Pattern KIND_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

  private final Path file;
  private final YamlKeyLocator locator;
  private final List<Diagnostic> problems = new ArrayList<>();

  ConfigValidator(Path file, YamlKeyLocator locator) {
    this.file = file;
    this.locator = locator;
  }

  List<Diagnostic> validate(EsmConfig config) {
    if (config.environment() == null || !ENVIRONMENT.matcher(config.environment()).matches()) {
      problem("environment", "must be lower-case letters, digits, - or _ (it becomes the tag esm-<environment>); got "
          + ParameterChecks.show(config.environment()));
    }
    for (String repository : config.github().repositories()) {
      if (repository == null || !REPOSITORY.matcher(repository).matches()) {
        problem("github.repositories", "\"" + repository + "\" is not owner/name or owner/*");
      }
    }
    try {
      Durations.interval(config.github().recoverInterval());
    } catch (IllegalArgumentException e) {
      problem("github.recover_interval", "must be a duration such as 30s, 10m or 1h, or 0 to turn recovery off; got "
          + ParameterChecks.show(config.github().recoverInterval()));
    }
    checkDatadog(config.datadog());
    checkLimits(config.limits());
    checkDrift(config.drift());
    checkQueue(config.queue());
    checkRegister(config.register());
    if (config.eventTag().key() == null || config.eventTag().key().isBlank()) {
      problem("event_tag.key", "must not be empty");
    }
    List<String> severities = Arrays.stream(Severity.values()).map(Severity::label).toList();
    config.routing().forEach((severity, channels) -> {
      if (!severities.contains(severity)) {
        problem("routing." + severity, "is not a severity (one of " + String.join(", ", severities) + ")"
            + Suggestions.didYouMean(severity, severities));
      }
    });
    config.teams().forEach((team, handles) -> {
      if (handles == null) {
        return;
      }
      handles.forEach((channel, handle) -> {
        if (handle == null || !handle.startsWith("@")) {
          problem("teams." + team + "." + channel, "a notification handle starts with @ (e.g. @slack-cart-alerts); got "
              + ParameterChecks.show(handle));
        }
      });
    });
    if (config.runbookUrl() != null) {
      Map<String, Object> sample = new LinkedHashMap<>();
      RUNBOOK_VARIABLES.forEach(v -> sample.put(v, "x"));
      checkTemplate("runbook_url", config.runbookUrl(), sample);
    }
    if (config.kinds().isEmpty()) {
      problem("kinds", "no monitor kind is defined");
    }
    config.kinds().forEach((name, kind) -> checkKind(config, name, kind));
    return problems;
  }

  private void checkQueue(EsmConfig.Queue queue) {
    java.time.Duration lease = null;
    try {
      lease = Durations.interval(queue.lease());
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (lease == null || lease.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
      problem("queue.lease", "must be a duration of at least 1s, such as 30s or 2m; got " + ParameterChecks.show(queue.lease()));
    }
  }

  private void checkRegister(EsmConfig.Register register) {
    if (!EsmConfig.Register.ON.contains(register.on())) {
      problem("register.on", "must be one of " + String.join(", ", EsmConfig.Register.ON) + "; got "
          + ParameterChecks.show(register.on()) + Suggestions.didYouMean(register.on(), EsmConfig.Register.ON));
    }
    for (String requirement : register.requires()) {
      if (!EsmConfig.Register.REQUIREMENTS.contains(requirement)) {
        problem("register.requires", "knows " + String.join(", ", EsmConfig.Register.REQUIREMENTS) + "; got "
            + ParameterChecks.show(requirement) + Suggestions.didYouMean(requirement, EsmConfig.Register.REQUIREMENTS));
      }
    }
    if (!EsmConfig.Register.CONFLICTS.contains(register.conflicts())) {
      problem("register.conflicts", "must be one of " + String.join(", ", EsmConfig.Register.CONFLICTS) + "; got "
          + ParameterChecks.show(register.conflicts()) + Suggestions.didYouMean(register.conflicts(), EsmConfig.Register.CONFLICTS));
    }
  }

  private void checkDrift(EsmConfig.Drift drift) {
    try {
      Durations.interval(drift.interval());
    } catch (IllegalArgumentException e) {
      problem("drift.interval", "must be a duration such as 30s, 15m, 6h or 1d, or 0 to turn drift checks off; got "
          + ParameterChecks.show(drift.interval()));
    }
    if (drift.issue() == null) {
      problem("drift.issue", "must be true or false");
    }
    if (drift.repair() == null) {
      problem("drift.repair", "must be true or false");
    }
  }

  private void checkDatadog(EsmConfig.Datadog datadog) {
    if (datadog.parallelism() == null || datadog.parallelism() < 1 || datadog.parallelism() > 32) {
      problem("datadog.parallelism", "must be between 1 and 32; got " + datadog.parallelism());
    }
    if (datadog.timeoutSeconds() == null || datadog.timeoutSeconds() < 1 || datadog.timeoutSeconds() > 600) {
      problem("datadog.timeout_seconds", "must be between 1 and 600; got " + datadog.timeoutSeconds());
    }
    if (datadog.maxRetries() == null || datadog.maxRetries() < 0 || datadog.maxRetries() > 10) {
      problem("datadog.max_retries", "must be between 0 and 10; got " + datadog.maxRetries());
    }
  }

  private void checkLimits(Limits limits) {
    atLeastOne("limits.max_file_bytes", limits.maxFileBytes());
    atLeastOne("limits.max_files", limits.maxFiles());
    atLeastOne("limits.max_archive_bytes", limits.maxArchiveBytes());
    atLeastOne("limits.max_monitors", limits.maxMonitors());
    if (limits.commandTimeout().isZero() || limits.commandTimeout().isNegative()) {
      problem("limits.command_timeout", "must be longer than 0; got " + Durations.format(limits.commandTimeout()));
    }
  }

  private void atLeastOne(String key, long value) {
    if (value < 1) {
      problem(key, "must be at least 1; got " + value);
    }
  }

  private void checkKind(EsmConfig config, String name, KindDefinition kind) {
    String at = "kinds." + name;
    if (!KIND_NAME.matcher(name).matches()) {
      problem(at, "a kind's name is lower-case letters, digits and _");
    }
    if (kind == null) {
      return;
    }
    if (kind.title() == null || kind.title().isBlank()) {
      problem(at + ".title", "is required");
    }
    if (kind.query() == null || kind.query().isBlank()) {
      problem(at + ".query", "is required");
      return;
    }
    Map<String, Object> sampleParameters = new LinkedHashMap<>();
    kind.parameters().forEach((parameter, spec) -> {
      String where = at + ".parameters." + parameter;
      if (RESERVED_KEYS.contains(parameter)) {
        problem(where, "\"" + parameter + "\" is an annotation key of its own and cannot be a parameter");
      }
      if (spec == null || spec.type() == null) {
        problem(where + ".type", "is required (duration, number, integer, string, boolean or enum)");
        return;
      }
      checkBounds(where, spec);
      if (spec.type() == ParameterType.ENUM && spec.values().isEmpty()) {
        problem(where + ".values", "an enum parameter needs its list of values");
      }
      if (spec.defaultValue() != null) {
        Optional<String> wrong = ParameterChecks.problem(parameter, spec, spec.defaultValue());
        wrong.ifPresent(message -> problem(where + ".default", message));
      }
      sampleParameters.put(parameter, spec.defaultValue() != null ? spec.defaultValue() : sample(spec));
    });
    kind.derived().forEach((derivedName, derived) -> {
      ParameterSpec from = kind.parameters().get(derived.from());
      if (from == null || from.type() != ParameterType.ENUM) {
        problem(at + ".derived." + derivedName + ".from", "must name an enum parameter of the kind; got "
            + ParameterChecks.show(derived.from()));
      } else {
        from.values().stream().filter(v -> !derived.values().containsKey(v)).forEach(missing ->
            problem(at + ".derived." + derivedName + ".values", "has no value for \"" + missing + "\""));
      }
    });
    Map<String, Object> variables = KindVariables.withParameters(
        KindVariables.forEvent(config, "SampleEvent", "com.example", "sampleevent", "team-sample", "medium"),
        kind, sampleParameters);
    checkTemplate(at + ".query", kind.query(), variables);
    checkTemplate(at + ".summary", kind.summary(), variables);
    try {
      Templates.renderValue(kind.options(), variables);
    } catch (UnknownVariableException e) {
      problem(at + ".options", unknownVariable(e, variables.keySet()));
    }
  }

  /** Bounds of a number are numbers, of a duration durations; only those two types take them. */
  private void checkBounds(String where, ParameterSpec spec) {
    for (String bound : List.of("min", "max")) {
      Object value = bound.equals("min") ? spec.min() : spec.max();
      if (value == null) {
        continue;
      }
      boolean fits = switch (spec.type()) {
        case DURATION -> Durations.isValid(value);
        case NUMBER, INTEGER -> value instanceof Number;
        default -> false;
      };
      if (!fits) {
        problem(where + "." + bound, spec.type() == ParameterType.DURATION || spec.type() == ParameterType.NUMBER
            || spec.type() == ParameterType.INTEGER
            ? "must be " + (spec.type() == ParameterType.DURATION ? "a duration such as 5m" : "a number") + "; got "
                + ParameterChecks.show(value)
            : "only number, integer and duration parameters take bounds");
      }
    }
    if (spec.type() == ParameterType.DURATION && spec.minDuration() != null && spec.maxDuration() != null
        && spec.minDuration().compareTo(spec.maxDuration()) > 0) {
      problem(where + ".min", "is above max (" + spec.max() + ")");
    }
  }

  private static Object sample(ParameterSpec spec) {
    return switch (spec.type()) {
      case DURATION -> spec.min() != null && Durations.isValid(spec.min()) ? spec.min() : "1h";
      case NUMBER, INTEGER -> spec.minNumber() != null ? spec.minNumber() : 1;
      case BOOLEAN -> true;
      case ENUM -> spec.values().isEmpty() ? "" : spec.values().get(0);
      case STRING -> "sample";
    };
  }

  private void checkTemplate(String at, String template, Map<String, Object> variables) {
    try {
      Templates.render(template, variables);
    } catch (UnknownVariableException e) {
      problem(at, unknownVariable(e, variables.keySet()));
    }
  }

  private static String unknownVariable(UnknownVariableException e, Set<String> known) {
    return "unknown variable ${" + e.variable() + "}" + Suggestions.didYouMean(e.variable(), known)
        + "; known: " + String.join(", ", new java.util.TreeSet<>(known));
  }

  private void problem(String keyPath, String message) {
    int[] at = locator.locate(List.of(keyPath.split("\\.")));
    problems.add(Diagnostic.error(file, at[0], at[1], keyPath + ": " + message));
  }
}
