package dev.esm.webhook;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.datadog.fake.FakeDatadog;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull requests written to hurt, through the whole service: a signed {@code esm plan} (open to
 * anyone who can comment), GitHub stood in by WireMock serving the hostile archive, the real
 * engine, Datadog stood in by the stateful fake. A marker sits in files outside the checkout and
 * a secret in the service's environment: neither may appear in any comment, status, log line or
 * answer. After each case {@code /healthz} answers 200 and the next command is served.
 */
class HostilePullRequestsEndToEndTest {

  static final String MARKER = "OUTSIDE-MARKER-51c0ffee";
  static final String SECRET = "env-secret-9d41e7b2c8";

  static Path outside;
  static GitHubStub github;
  static FakeDatadog datadog;
  static DatadogApiMonitors datadogClient;
  static WebhookServer server;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    outside = Files.createTempDirectory("esm-outside-");
    Files.writeString(outside.resolve("secret.avdl"), MARKER + "\nprotocol Secret {}\n");
    Files.writeString(outside.resolve("secret.avsc"), "{\"AccessKeyId\": \"" + MARKER + "\", \"SecretAccessKey\": \"" + MARKER + "\"}");
    Files.writeString(outside.resolve("token.txt"), "ghp_" + MARKER.replace("-", "") + "0123456789abcdef\n");
    github = new GitHubStub();
    datadog = FakeDatadog.start();
    EsmConfig config = new ConfigLoader().parse("""
        github:
          repositories: [acme/event-schemas]
          schema_paths: [schemas]
        limits:
          max_archive_bytes: 104857600
          command_timeout: 60s
        """, Path.of("esm.yaml"));
    WebhookMetrics metrics = new WebhookMetrics();
    datadogClient = new DatadogApiMonitors(DatadogSettings.fromEnvironment(datadog.environment(), config.datadog()),
        metrics.datadog());
    RegistrationEngine engine = new RegistrationEngine(config, datadogClient, null);
    ServiceConfiguration service = new ServiceConfiguration(0, WebhookServerTest.SECRET, config.github().repositories(),
        config.github().schemaPaths(), 0, 2, Duration.ofSeconds(10));
    Map<String, String> environment = new LinkedHashMap<>(datadog.environment());
    environment.put("ANALYTICS_API_TOKEN", SECRET);
    server = WebhookServer.create(service, GitHubClients.withToken(github.url(), "ghp_test", metrics.github()), engine, metrics,
        config.limits(), SecretMasker.fromEnvironment(environment)).start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.stop();
    datadogClient.close();
    datadog.close();
    github.close();
    try (Stream<Path> files = Files.walk(outside)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @BeforeEach
  void reset() {
    github.reset();
    github.acceptWrites().failEverythingElse();
  }

  // ---------------------------------------------------------------- the cases

  static String cart(String imports) {
    return "@namespace(\"com.acme.events.cart\")\nprotocol CartEvents {\n  " + imports + "\n"
        + "  @monitor({\"type\": \"traffic_anomaly\"})\n  record AddToCartEvent { string user_id; }\n}\n";
  }

  @Test
  void anAbsoluteImportOfAnIdlFile() throws Exception {
    String comment = plan(Map.of("schemas/cart.avdl", cart("import idl \"" + outside.resolve("secret.avdl") + "\";")));
    assertThat(comment).contains("is outside the repository");
  }

  @Test
  void anAbsoluteImportOfAJsonSchemaFullOfKeys() throws Exception {
    String comment = plan(Map.of("schemas/cart.avdl", cart("import schema \"" + outside.resolve("secret.avsc") + "\";")));
    assertThat(comment).contains("is outside the repository");
  }

  @Test
  void importsThatClimbOutOfTheCheckout() throws Exception {
    String climb = "../".repeat(12) + outside.toString().substring(1);
    String comment = plan(Map.of("schemas/cart.avdl", cart("import idl \"" + climb + "/secret.avdl\";\n"
        + "  import schema \"../../../../../../../../../../../../etc/passwd\";\n  import protocol \"../../token.txt\";")));
    assertThat(comment).contains("is outside the repository");
  }

  @Test
  void anImportOfADevice() throws Exception {
    String comment = plan(Map.of("schemas/cart.avdl", cart("import idl \"/dev/zero\";")));
    assertThat(comment).contains("/dev/zero");
  }

  @Test
  void aSymlinkInTheArchivePointingOutside() throws Exception {
    byte[] zip = dev.esm.github.HostileArchivesTestAccess.withSymlink(GitHubStub.zip("acme-event-schemas-1111111", Map.of(
        "schemas/cart.avdl", cart("import idl \"link.avdl\";").getBytes(StandardCharsets.UTF_8),
        "schemas/link.avdl", outside.resolve("secret.avdl").toString().getBytes(StandardCharsets.UTF_8))), "schemas/link.avdl");
    String comment = plan(zip);
    assertThat(comment).startsWith("<!-- esm:plan -->\n### ❌ `esm plan`: ");
  }

  @Test
  void anEntryThatClimbsOutOfTheCheckout() throws Exception {
    String comment = plan(Map.of("schemas/cart.avdl", cart(""), "../../../escape.avdl", "protocol Escape {}"));
    assertThat(comment).contains("ESM refused the archive of the head commit: its entry "
        + "\"acme-event-schemas-1111111/../../../escape.avdl\" would land outside the checkout.");
  }

  @Test
  void aZipBombOfTenFilesOf99Megabytes() throws Exception {
    byte[] bomb = dev.esm.github.HostileArchivesTestAccess.zipBomb(10, 99 << 20);
    assertThat(bomb.length).isLessThan(1 << 20);
    String comment = plan(bomb);
    assertThat(comment).contains("limits.max_archive_bytes is 104857600; got more than 104857600 bytes unpacked from the archive"
        + " of the head commit");
  }

  @Test
  void anImportChain1200Deep() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("schemas/cart.avdl", cart("import idl \"chain/f0.avdl\";"));
    for (int i = 0; i < 1200; i++) {
      files.put("schemas/chain/f" + i + ".avdl", "protocol F" + i + " { import idl \"f" + (i + 1) + ".avdl\"; record R" + i + " { int x; } }");
    }
    files.put("schemas/chain/f1200.avdl", "protocol Last {}");
    String comment = plan(files);
    assertThat(comment).contains("imports nest deeper than");
  }

  @Test
  void aDocCommentOf2000Lines() throws Exception {
    StringBuilder doc = new StringBuilder("/**\n");
    for (int i = 0; i < 2000; i++) {
      doc.append("   * line ").append(i).append('\n');
    }
    String comment = plan(Map.of("schemas/cart.avdl", cart(doc + "   */")));
    assertThat(comment).startsWith("<!-- esm:plan -->\n### 📋 `esm plan`: 1 to create");
  }

  @Test
  void aMegabyteOfLexerJunk() throws Exception {
    String comment = plan(Map.of("schemas/cart.avdl", "protocol Junk {\n  " + "^".repeat(1 << 20 - 100) + "\n}\n"));
    assertThat(comment).contains("unexpected character '^'");
  }

  @Test
  void aSecretOfTheEnvironmentQuotedBackByAnError() throws Exception {
    String comment = plan(Map.of("schemas/cart.avdl", cart("").replace("traffic_anomaly", SECRET)));
    assertThat(comment).contains("[secret]");
  }

  // ---------------------------------------------------------------- the run

  /** Plans a pull request whose head is {@code files}; returns the result comment after every check. */
  String plan(Map<String, String> files) throws Exception {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return plan(GitHubStub.zip("acme-event-schemas-1111111", bytes));
  }

  String plan(byte[] headZip) throws Exception {
    github.pullRequest()
        .files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}))
        .zipball(BASE, Map.of("schemas/cart.avdl", cart("")));
    github.wireMock().stubFor(WireMock.get(WireMock.urlPathEqualTo("/repos/acme/event-schemas/zipball/" + HEAD))
        .willReturn(WireMock.aResponse().withStatus(200).withHeader("Content-Type", "application/zip").withBody(headZip)));

    List<String> answers = new ArrayList<>();
    String log;
    try (LogCapture capture = new LogCapture()) {
      answers.add(deliver("issue_comment-created-plan").body());
      assertThat(server.awaitIdle(Duration.ofSeconds(60))).as("the plan finished").isTrue();
      assertThat(get(ServiceSettings.HEALTH_PATH).statusCode()).isEqualTo(200);
      answers.add(get(ServiceSettings.METRICS_PATH).body());
      answers.add(deliver("issue_comment-created-help").body());
      assertThat(server.awaitIdle(Duration.ofSeconds(20))).as("the next command finished").isTrue();
      log = capture.text();
    }

    List<String> comments = github.commentBodies();
    assertThat(comments).hasSize(2);
    assertThat(comments.get(1)).startsWith("<!-- esm:help -->");
    assertThat(github.statuses()).last().asString().matches("esm/plan (success|failure): .*");
    assertThat(datadog.writes()).isZero();
    List<String> everything = new ArrayList<>(comments);
    everything.addAll(github.statuses());
    everything.addAll(answers);
    everything.add(log);
    assertThat(everything).allSatisfy(text -> assertThat(text)
        .doesNotContain(MARKER)
        .doesNotContain(MARKER.replace("-", ""))
        .doesNotContain(SECRET)
        .doesNotContain("root:x:0:0")
        .doesNotContain("\tat "));
    assertThat(log.length()).as("log of one command").isLessThan(1 << 20);
    return comments.get(0);
  }

  static HttpResponse<String> deliver(String payload) throws Exception {
    byte[] body = WebhookServerTest.payload(payload);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + ServiceSettings.WEBHOOK_PATH))
        .header("X-GitHub-Event", "issue_comment")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header(WebhookSignature.HEADER, WebhookServerTest.SIGNER.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(202);
    return response;
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
