package dev.esm.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.webhook.ServiceSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The deployment examples (Kubernetes, Dockerfile, GitHub App, GitHub Actions) and the
 * operations guide name the ports, paths and environment variables that the service really
 * uses: every expected value is read from {@link ServiceSettings}, never copied by hand.
 */
class DeploymentManifestsTest {

  private static final Path ROOT = Path.of(System.getProperty("esm.project.root")).normalize();
  private static final Path KUBERNETES = ROOT.resolve("examples/deploy/kubernetes");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Variables of the JVM and the launcher, read by no ESM code. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("JAVA_OPTS");

  private final JsonNode deployment = yaml("deployment.yaml");
  private final JsonNode pod = deployment.path("spec").path("template");
  private final JsonNode container = pod.path("spec").path("containers").path(0);
  private final Map<String, JsonNode> env = byName(container.path("env"));
  private final JsonNode secret = yaml("secret.example.yaml");

  @Test
  void everyEnvironmentVariableOfTheDeploymentIsOneTheServiceReads() {
    Set<String> known = new TreeSet<>(serviceVariables());
    known.addAll(LAUNCHER_VARIABLES);

    assertThat(env.keySet()).isSubsetOf(known);
    assertThat(env).containsKeys(
        ServiceSettings.ENV_PORT,
        ServiceSettings.ENV_CONFIG,
        ServiceSettings.ENV_WEBHOOK_SECRET,
        ServiceSettings.ENV_DD_API_KEY,
        ServiceSettings.ENV_DD_APP_KEY,
        ServiceSettings.ENV_GITHUB_APP_ID,
        ServiceSettings.ENV_GITHUB_APP_PRIVATE_KEY);
  }

  @Test
  void containerListensOnTheServicePortAndEveryProbeAsksForTheHealthPath() {
    JsonNode port = container.path("ports").path(0);
    assertThat(port.path("containerPort").asInt()).isEqualTo(ServiceSettings.DEFAULT_PORT);
    assertThat(env.get(ServiceSettings.ENV_PORT).path("value").asText()).isEqualTo(String.valueOf(ServiceSettings.DEFAULT_PORT));

    Map<String, String> paths = Map.of("startupProbe", ServiceSettings.HEALTH_PATH,
        "livenessProbe", ServiceSettings.HEALTH_PATH, "readinessProbe", ServiceSettings.READY_PATH);
    paths.forEach((probe, path) -> {
      JsonNode httpGet = container.path(probe).path("httpGet");
      assertThat(httpGet.path("path").asText()).as(probe).isEqualTo(path);
      assertThat(httpGet.path("port").asText()).as(probe).isIn(port.path("name").asText(), String.valueOf(ServiceSettings.DEFAULT_PORT));
    });
    // /readyz answers within 5 s: the probe waits longer than that.
    assertThat(container.path("readinessProbe").path("timeoutSeconds").asInt()).isGreaterThan(5);
    JsonNode annotations = pod.path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo(ServiceSettings.METRICS_PATH);
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(ServiceSettings.DEFAULT_PORT));
  }

  @Test
  void secretsComeFromTheKeysOfTheExampleSecret() {
    String secretName = secret.path("metadata").path("name").asText();
    Set<String> secretKeys = fieldNames(secret.path("stringData"));
    List<String> fromSecrets = new ArrayList<>();
    env.forEach((name, variable) -> {
      JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
      if (!ref.isMissingNode()) {
        assertThat(ref.path("name").asText()).as(name).isEqualTo(secretName);
        assertThat(secretKeys).as(name).contains(ref.path("key").asText());
        fromSecrets.add(name);
      }
    });
    assertThat(fromSecrets).contains(
        ServiceSettings.ENV_WEBHOOK_SECRET, ServiceSettings.ENV_DD_API_KEY, ServiceSettings.ENV_DD_APP_KEY, ServiceSettings.ENV_GITHUB_APP_ID);
    assertThat(secretName).isEqualTo("esm-secrets");
  }

  @Test
  void twoReplicasShareAPostgresDatabaseFromTheSecretAndUpdateOneAtATime() {
    JsonNode spec = deployment.path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(2);
    assertThat(spec.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1)).isZero();

    for (String variable : List.of(ServiceSettings.ENV_DATABASE_URL, ServiceSettings.ENV_DATABASE_USER,
        ServiceSettings.ENV_DATABASE_PASSWORD)) {
      assertThat(env.get(variable).path("valueFrom").path("secretKeyRef").isObject()).as(variable).isTrue();
    }
    String urlKey = env.get(ServiceSettings.ENV_DATABASE_URL).path("valueFrom").path("secretKeyRef").path("key").asText();
    assertThat(secret.path("stringData").path(urlKey).asText()).startsWith("jdbc:postgresql://");
    assertThat(env).doesNotContainKey(ServiceSettings.ENV_DATA_DIR);
  }

  @Test
  void aDisruptionBudgetKeepsOneReplicaOfTheDeploymentUp() {
    JsonNode budget = yaml("poddisruptionbudget.yaml");
    assertThat(budget.path("kind").asText()).isEqualTo("PodDisruptionBudget");
    assertThat(budget.path("spec").path("minAvailable").asInt()).isEqualTo(1)
        .isLessThan(deployment.path("spec").path("replicas").asInt());
    assertThat(asMap(budget.path("spec").path("selector").path("matchLabels")))
        .isEqualTo(asMap(deployment.path("spec").path("selector").path("matchLabels")));
  }

  @Test
  void configurationVariableNamesAFileOfTheMountedConfigMap() {
    JsonNode configMap = yaml("configmap.yaml");
    JsonNode volume = volume(configMap.path("metadata").path("name").asText(), "configMap");

    String path = env.get(ServiceSettings.ENV_CONFIG).path("value").asText();
    String mountPath = mountPathOf(volume.path("name").asText());
    assertThat(path).startsWith(mountPath + "/");
    String key = path.substring(mountPath.length() + 1);
    assertThat(fieldNames(configMap.path("data"))).contains(key);

    EsmConfig config = new ConfigLoader().parse(configMap.path("data").path(key).asText(), KUBERNETES.resolve("configmap.yaml"));
    assertThat(config.github().repositories()).isNotEmpty();
  }

  @Test
  void privateKeyVariableNamesTheFileOfTheMountedSecret() {
    JsonNode volume = volume(secret.path("metadata").path("name").asText(), "secret");
    JsonNode item = volume.path("secret").path("items").path(0);

    String expected = mountPathOf(volume.path("name").asText()) + "/" + item.path("path").asText();
    assertThat(env.get(ServiceSettings.ENV_GITHUB_APP_PRIVATE_KEY).path("value").asText()).isEqualTo(expected);
    assertThat(fieldNames(secret.path("stringData"))).contains(item.path("key").asText());
  }

  @Test
  void podRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
    JsonNode podSpec = pod.path("spec");
    assertThat(podSpec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(podSpec.path("securityContext").path("runAsUser").asInt()).isPositive();
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();

    JsonNode tmp = byName(podSpec.path("volumes")).get(mountedVolumeAt("/tmp"));
    assertThat(tmp.has("emptyDir")).isTrue();
  }

  @Test
  void podDrainsBeforeItStopsAndHasTimeToFinishItsWork() {
    List<String> preStop = texts(container.path("lifecycle").path("preStop").path("exec").path("command"));
    assertThat(preStop).hasSize(2).first().asString().endsWith("sleep");
    int sleepSeconds = Integer.parseInt(preStop.get(1));
    assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt()).isGreaterThan(sleepSeconds + 30);
    // After preStop, the service's own stop: the grace for running commands, then stopping them.
    assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asLong())
        .isGreaterThanOrEqualTo(sleepSeconds + dev.esm.webhook.ServiceConfiguration.DEFAULT_SHUTDOWN_GRACE.toSeconds() + 15);
  }

  @Test
  void theArchivesOfTheCommandsRunningAtOnceFitTheTemporaryFolder() {
    JsonNode configMap = yaml("configmap.yaml");
    EsmConfig config = new ConfigLoader().parse(configMap.path("data").path("esm.yaml").asText(), KUBERNETES.resolve("configmap.yaml"));
    String sizeLimit = byName(pod.path("spec").path("volumes")).get(mountedVolumeAt("/tmp")).path("emptyDir").path("sizeLimit").asText();
    assertThat(sizeLimit).endsWith("Mi");
    long tmpBytes = Long.parseLong(sizeLimit.substring(0, sizeLimit.length() - 2)) << 20;

    // Each running command unpacks two archives (base and head), each at most max_archive_bytes.
    long worstCase = dev.esm.webhook.ServiceConfiguration.DEFAULT_WORKERS * 2L * config.limits().maxArchiveBytes();
    assertThat(worstCase).isLessThan(tmpBytes);
  }

  @Test
  void serviceAndIngressRouteTheWebhookPathToTheContainerPort() {
    JsonNode service = yaml("service.yaml");
    JsonNode servicePort = service.path("spec").path("ports").path(0);
    assertThat(servicePort.path("targetPort").asText())
        .isIn(container.path("ports").path(0).path("name").asText(), String.valueOf(ServiceSettings.DEFAULT_PORT));
    Map<String, Object> podLabels = asMap(pod.path("metadata").path("labels"));
    Map<String, Object> selector = asMap(service.path("spec").path("selector"));
    assertThat(podLabels).containsAllEntriesOf(selector);
    assertThat(selector).isEqualTo(asMap(deployment.path("spec").path("selector").path("matchLabels")));

    JsonNode ingressPath = yaml("ingress.yaml").path("spec").path("rules").path(0).path("http").path("paths").path(0);
    assertThat(ingressPath.path("path").asText()).isEqualTo(ServiceSettings.WEBHOOK_PATH);
    JsonNode backend = ingressPath.path("backend").path("service");
    assertThat(backend.path("name").asText()).isEqualTo(service.path("metadata").path("name").asText());
    assertThat(backend.path("port").path("name").asText()).isEqualTo(servicePort.path("name").asText());
  }

  @Test
  void kustomizationListsEveryManifestButTheExampleSecret() throws IOException {
    List<String> resources = texts(yaml("kustomization.yaml").path("resources"));
    Set<String> manifests;
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      manifests = files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml") && !name.equals("secret.example.yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(new TreeSet<>(resources)).isEqualTo(manifests);
  }

  @Test
  void gitHubAppAsksForExactlyThePermissionsAndEventsEsmNeeds() {
    JsonNode app = json(ROOT.resolve("examples/github-app/manifest.json"));

    assertThat(asMap(app.path("default_permissions"))).isEqualTo(Map.of(
        "contents", "read",
        "pull_requests", "read",
        "issues", "write",
        "statuses", "write",
        "checks", "write",
        "metadata", "read"));
    assertThat(texts(app.path("default_events"))).containsExactly("issue_comment", "pull_request");
    assertThat(app.path("hook_attributes").path("url").asText()).startsWith("https://").endsWith(ServiceSettings.WEBHOOK_PATH);
    assertThat(app.path("public").asBoolean(true)).isFalse();
  }

  @Test
  void dockerfileExposesTheServicePortChecksTheHealthPathAndRunsAsNonRoot() throws IOException {
    Map<String, List<String>> instructions = dockerInstructions();
    String port = String.valueOf(ServiceSettings.DEFAULT_PORT);

    assertThat(instructions.get("EXPOSE")).containsExactly(port);
    assertThat(instructions.get("HEALTHCHECK")).singleElement().asString()
        .contains(ServiceSettings.HEALTH_PATH, port, ServiceSettings.ENV_PORT);
    assertThat(instructions.get("ENV")).anySatisfy(env -> assertThat(env).contains(ServiceSettings.ENV_PORT + "=" + port));
    assertThat(instructions.get("USER")).singleElement().asString().doesNotStartWith("root").doesNotStartWith("0");
    assertThat(instructions.get("ENTRYPOINT")).containsExactly("[\"/opt/esm/bin/esm\"]");
    assertThat(instructions.get("CMD")).containsExactly("[\"serve\"]");
    assertThat(instructions.get("FROM")).last().asString().startsWith("eclipse-temurin:17-jre");
  }

  @Test
  void actionsWorkflowRunsPlanWithTheDatadogKeysFromSecrets() {
    JsonNode workflow = yaml(ROOT.resolve("examples/github-actions/esm-plan.yml"));
    List<JsonNode> steps = steps(workflow);

    JsonNode plan = steps.stream().filter(step -> step.path("run").asText().contains("esm plan")).findFirst().orElseThrow();
    assertThat(plan.path("env").path(ServiceSettings.ENV_DD_API_KEY).asText()).isEqualTo("${{ secrets." + ServiceSettings.ENV_DD_API_KEY + " }}");
    assertThat(plan.path("env").path(ServiceSettings.ENV_DD_APP_KEY).asText()).isEqualTo("${{ secrets." + ServiceSettings.ENV_DD_APP_KEY + " }}");
    assertThat(workflow.path("on").has("pull_request")).isTrue();
  }

  @Test
  void actionsWorkflowChecksCompatibilityAgainstTheBaseBranchWithItsHistory() {
    List<JsonNode> steps = steps(yaml(ROOT.resolve("examples/github-actions/esm-plan.yml")));

    JsonNode checkout = steps.stream().filter(step -> step.path("uses").asText().startsWith("actions/checkout")).findFirst().orElseThrow();
    assertThat(checkout.path("with").path("fetch-depth").asInt(1)).isZero();
    assertThat(steps).anySatisfy(step -> assertThat(step.path("run").asText())
        .isEqualTo("esm compat --base \"origin/${{ github.base_ref }}\" ."));
  }

  @Test
  void operationsGuideNamesEverySettingEndpointAndPermission() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/operations.md"));

    assertThat(guide).contains(serviceVariables());
    assertThat(guide).contains(ServiceSettings.WEBHOOK_PATH, ServiceSettings.HEALTH_PATH, ServiceSettings.METRICS_PATH);
    json(ROOT.resolve("examples/github-app/manifest.json")).path("default_permissions")
        .fieldNames().forEachRemaining(permission -> assertThat(guide).contains("`" + permission + "`"));
  }

  // ---------------------------------------------------------------------------------------

  private static List<JsonNode> steps(JsonNode workflow) {
    List<JsonNode> steps = new ArrayList<>();
    workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
    return steps;
  }

  /** The values of every {@code ENV_*} constant of {@link ServiceSettings}. */
  private static List<String> serviceVariables() {
    return Arrays.stream(ServiceSettings.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("ENV_"))
        .map(DeploymentManifestsTest::valueOf)
        .collect(Collectors.toList());
  }

  private static String valueOf(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode volume(String sourceName, String kind) {
    return StreamSupport.stream(pod.path("spec").path("volumes").spliterator(), false)
        .filter(volume -> sourceName.equals(volume.path(kind).path(kind.equals("secret") ? "secretName" : "name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " volume of " + sourceName));
  }

  private String mountPathOf(String volumeName) {
    return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
        .filter(mount -> volumeName.equals(mount.path("name").asText()))
        .map(mount -> mount.path("mountPath").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("volume " + volumeName + " is not mounted"));
  }

  private String mountedVolumeAt(String path) {
    return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
        .filter(mount -> path.equals(mount.path("mountPath").asText()))
        .map(mount -> mount.path("name").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
  }

  /** Instruction keyword to its arguments, in order; continuation lines joined, comments dropped. */
  private static Map<String, List<String>> dockerInstructions() throws IOException {
    String text = Files.readString(ROOT.resolve("Dockerfile"))
        .lines()
        .filter(line -> !line.stripLeading().startsWith("#"))
        .collect(Collectors.joining("\n"))
        .replaceAll("\\\\\\n", " ");
    Map<String, List<String>> instructions = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("(?m)^([A-Z]+)\\s+(.*)$").matcher(text);
    while (matcher.find()) {
      instructions.computeIfAbsent(matcher.group(1), k -> new ArrayList<>()).add(matcher.group(2).strip().replaceAll("\\s+", " "));
    }
    return instructions;
  }

  private static Map<String, Object> asMap(JsonNode object) {
    return JSON.convertValue(object, new TypeReference<Map<String, Object>>() {});
  }

  private static Map<String, JsonNode> byName(JsonNode array) {
    Map<String, JsonNode> byName = new HashMap<>();
    array.forEach(node -> byName.put(node.path("name").asText(), node));
    return byName;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static JsonNode yaml(String kubernetesFile) {
    return yaml(KUBERNETES.resolve(kubernetesFile));
  }

  private static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  private static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
