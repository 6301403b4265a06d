package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.esm.core.compat.CompatibilityMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The configuration: built-in defaults with the user's {@code esm.yaml} merged over them.
 * Every field is present after loading; see {@code defaults.yaml} for what each means.
 */
public record EsmConfig(
    String environment,
    GitHub github,
    Repository repository,
    Datadog datadog,
    Map<String, String> metrics,
    @JsonProperty("event_tag") EventTag eventTag,
    Map<String, Map<String, String>> teams,
    Map<String, List<String>> routing,
    @JsonProperty("runbook_url") String runbookUrl,
    Announce announce,
    Drift drift,
    Map<String, KindDefinition> kinds,
    Limits limits,
    Compatibility compatibility,
    Coverage coverage,
    Queue queue,
    Boolean autoplan,
    Register register,
    Boolean ui,
    @com.fasterxml.jackson.annotation.JsonIgnore Path source) {

  public EsmConfig {
    metrics = metrics == null ? Map.of() : metrics;
    teams = teams == null ? Map.of() : teams;
    routing = routing == null ? Map.of() : routing;
    kinds = kinds == null ? Map.of() : kinds;
    github = github == null ? new GitHub(List.of(), List.of(""), null) : github;
    repository = repository == null ? new Repository(null, "main") : repository;
    datadog = datadog == null ? new Datadog(8, 30, 3) : datadog;
    eventTag = eventTag == null ? new EventTag("event", EventTagStyle.LOWERCASE) : eventTag;
    announce = announce == null ? new Announce(null) : announce;
    compatibility = compatibility == null ? new Compatibility(null, null) : compatibility;
    drift = drift == null ? new Drift("6h", true, false) : drift;
    limits = limits == null ? Limits.DEFAULT : limits;
    coverage = coverage == null ? new Coverage(List.of()) : coverage;
    queue = queue == null ? new Queue("2m") : queue;
    autoplan = autoplan == null || autoplan;
    register = register == null ? new Register(null, null, null, null) : register;
    ui = ui != null && ui;
  }

  /**
   * The repositories the service serves, where their schemas are, and how often missed deliveries are fetched back.
   *
   * @param recoverInterval as a GitHub App, how often the service asks GitHub to redeliver the deliveries
   *     it missed, e.g. {@code 10m}; {@code 0} turns it off
   */
  public record GitHub(
      List<String> repositories,
      @JsonProperty("schema_paths") List<String> schemaPaths,
      @JsonProperty("recover_interval") String recoverInterval) {
    public GitHub {
      repositories = repositories == null ? List.of() : List.copyOf(repositories);
      schemaPaths = schemaPaths == null || schemaPaths.isEmpty() ? List.of("") : List.copyOf(schemaPaths);
      recoverInterval = recoverInterval == null ? "10m" : recoverInterval;
    }

    /** True when the allow-list names exactly one repository (no {@code owner/*}). */
    public boolean servesOneRepository() {
      return repositories.size() == 1 && !repositories.get(0).contains("*");
    }

    /** The recovery interval, or {@link java.time.Duration#ZERO} when recovery is off. */
    public java.time.Duration recoverEvery() {
      return Durations.interval(recoverInterval);
    }
  }

  public record Repository(String url, String branch) {}

  public record Datadog(
      Integer parallelism,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds,
      @JsonProperty("max_retries") Integer maxRetries) {}

  public record EventTag(String key, EventTagStyle style) {}

  /** How schema changes are checked: Avro's direction, and whether an incompatible one blocks register. */
  public record Compatibility(CompatibilityMode mode, Boolean enforce) {
    public Compatibility {
      mode = mode == null ? CompatibilityMode.BACKWARD : mode;
      enforce = enforce != null && enforce;
    }
  }

  public record Announce(@JsonProperty("slack_webhook_url") String slackWebhookUrl) {}

  /**
   * The service's drift checks of each served repository's default branch.
   *
   * @param interval how often, e.g. {@code 6h} or {@code 30s}; {@code 0} turns them off
   * @param issue keep one issue "ESM drift report" in the repository up to date
   * @param repair make Datadog match the default branch, and report what was repaired
   */
  public record Drift(String interval, Boolean issue, Boolean repair) {

    /** The interval, or {@link java.time.Duration#ZERO} when checks are off. */
    public java.time.Duration every() {
      return Durations.interval(interval);
    }
  }

  /**
   * How {@code esm register} and a pull request's life go together (the service only).
   *
   * @param on {@code comment}, {@code merge} or {@code both}: what registers
   * @param requires any of {@code approved}, {@code mergeable}: what an {@code esm register} comment needs
   * @param restoreOnClose a pull request closed unmerged gives back what it registered
   * @param conflicts {@code warn} or {@code refuse}: an event last registered by another open pull request
   */
  public record Register(
      String on,
      List<String> requires,
      @JsonProperty("restore_on_close") Boolean restoreOnClose,
      String conflicts) {

    public static final List<String> ON = List.of("comment", "merge", "both");
    public static final List<String> REQUIREMENTS = List.of("approved", "mergeable");
    public static final List<String> CONFLICTS = List.of("warn", "refuse");

    public Register {
      on = on == null ? "comment" : on;
      requires = requires == null ? List.of() : List.copyOf(requires);
      restoreOnClose = restoreOnClose == null || restoreOnClose;
      conflicts = conflicts == null ? "warn" : conflicts;
    }

    /** True when an {@code esm register} comment registers (not only a merge). */
    public boolean onComment() {
      return !on.equals("merge");
    }

    /** True when an open pull request's registrations stop a register ({@code conflicts: refuse}). */
    public boolean refusesConflicts() {
      return conflicts.equals("refuse");
    }

    /** True when merging a pull request registers it. */
    public boolean onMerge() {
      return !on.equals("comment");
    }
  }

  /** @param sources folders of the schema repository holding the Java sources that emit the events */
  public record Coverage(List<String> sources) {
    public Coverage {
      sources = sources == null ? List.of() : List.copyOf(sources);
    }
  }

  /**
   * The service's durable command queue.
   *
   * @param lease how long a replica holds a command it runs without renewing it, e.g. {@code 2m}
   *     or {@code 30s}: a command whose replica died runs again once its lease lapsed
   */
  public record Queue(String lease) {

    public java.time.Duration leaseDuration() {
      return Durations.interval(lease);
    }
  }

  /** The tag every monitor ESM manages carries, e.g. {@code esm-prod}. */
  public String identityTag() {
    return "esm-" + environment;
  }

  public EsmConfig withEnvironment(String newEnvironment) {
    return new EsmConfig(newEnvironment, github, repository, datadog, metrics, eventTag, teams, routing,
        runbookUrl, announce, drift, kinds, limits, compatibility, coverage, queue, autoplan, register, ui, source);
  }

  public EsmConfig withSource(Path newSource) {
    return new EsmConfig(environment, github, repository, datadog, metrics, eventTag, teams, routing,
        runbookUrl, announce, drift, kinds, limits, compatibility, coverage, queue, autoplan, register, ui, newSource);
  }

  /** The same configuration reading no Java sources: for {@code esm coverage}, which reads its own. */
  public EsmConfig withoutCoverageSources() {
    return new EsmConfig(environment, github, repository, datadog, metrics, eventTag, teams, routing,
        runbookUrl, announce, drift, kinds, limits, compatibility, new Coverage(List.of()), queue, autoplan, register, ui, source);
  }

  /** The notification channels (e.g. slack, pagerduty) that a severity reaches. */
  public List<String> channelsFor(Severity severity) {
    return routing.getOrDefault(severity.label(), List.of());
  }
}
