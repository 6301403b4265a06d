package dev.esm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local stand-in for the GitHub REST API, on a real port, answering what ESM asks: the pull
 * request, its files (paged), zipballs (through a redirect, like codeload), permissions, and
 * the writes (reactions, comments, statuses), which tests then read back.
 */
public final class GitHubStub implements AutoCloseable {

  public static final String REPO = "acme/event-schemas";
  public static final int PR = 42;
  public static final long COMMENT_ID = 2710934810L;
  public static final String HEAD = "1111111111111111111111111111111111111111";
  public static final String BASE = "2222222222222222222222222222222222222222";
  public static final String SELF = "esm-bot";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;

  public GitHubStub() {
    this(0);
  }

  /** {@code delayMs} is added to every answer (benchmarks). */
  public GitHubStub(int delayMs) {
    this(delayMs, new com.github.tomakehurst.wiremock.extension.Extension[0]);
  }

  /** With WireMock extensions, e.g. a stateful stand-in for some endpoints. */
  public GitHubStub(int delayMs, com.github.tomakehurst.wiremock.extension.Extension... extensions) {
    server = new WireMockServer(options().dynamicPort().containerThreads(20).asynchronousResponseEnabled(delayMs > 0)
        .extensions(extensions));
    server.start();
    this.delayMs = delayMs;
  }

  private final int delayMs;

  public String url() {
    return server.baseUrl();
  }

  public WireMockServer wireMock() {
    return server;
  }

  public void reset() {
    server.resetAll();
  }

  @Override
  public void close() {
    server.stop();
  }

  // ---------------------------------------------------------------- reads

  /** The repository as {@code GET /repos/{repo}} describes it, with its default branch and page. */
  public GitHubStub repository(String repo, String defaultBranch) {
    String name = repo.substring(repo.indexOf('/') + 1);
    String owner = repo.substring(0, repo.indexOf('/'));
    server.stubFor(get(urlPathEqualTo("/repos/" + repo)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":1,\"name\":\"" + name + "\",\"full_name\":\"" + repo + "\",\"default_branch\":\"" + defaultBranch
            + "\",\"owner\":{\"login\":\"" + owner + "\",\"id\":2,\"type\":\"Organization\"},"
            + "\"html_url\":\"https://github.com/" + repo + "\",\"url\":\"" + url() + "/repos/" + repo + "\"}")));
    return this;
  }

  /** The usual pull request: head {@link #HEAD}, base {@link #BASE}. */
  public GitHubStub pullRequest() {
    return pullRequest(REPO, PR, HEAD, BASE);
  }

  public GitHubStub pullRequest(String repo, int number, String head, String base) {
    server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/pulls/" + number))
        .willReturn(json(200, pullRequestJson(repo, number, head, base))));
    return this;
  }

  /** The usual pull request with some fields changed, e.g. {@code pr -> pr.put("state", "closed")}. */
  public GitHubStub pullRequest(java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode pr = pullRequestJson(REPO, PR, HEAD, BASE);
    edit.accept(pr);
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/pulls/" + PR)).willReturn(json(200, pr)));
    return this;
  }

  /** Another pull request of {@link #REPO}, e.g. {@code pr -> pr.put("state", "closed")}. */
  public GitHubStub otherPullRequest(int number, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode pr = pullRequestJson(REPO, number, "7".repeat(40), BASE);
    edit.accept(pr);
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/pulls/" + number)).willReturn(json(200, pr)));
    return this;
  }

  /**
   * The usual pull request answered {@code mergeable: null} the first {@code times} times (GitHub
   * still computing), then as {@code then} edits it.
   */
  public GitHubStub pullRequestComputingMergeable(int times, java.util.function.Consumer<ObjectNode> then) {
    String scenario = "mergeable";
    String path = "/repos/" + REPO + "/pulls/" + PR;
    for (int i = 0; i < times; i++) {
      ObjectNode pr = pullRequestJson(REPO, PR, HEAD, BASE);
      pr.putNull("mergeable");
      pr.put("mergeable_state", "unknown");
      server.stubFor(get(urlPathEqualTo(path)).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "asked " + i)
          .willSetStateTo("asked " + (i + 1)).willReturn(json(200, pr)));
    }
    ObjectNode pr = pullRequestJson(REPO, PR, HEAD, BASE);
    then.accept(pr);
    server.stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(
            times == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "asked " + times)
        .willReturn(json(200, pr)));
    return this;
  }

  /** The pull request's reviews, oldest first: each {reviewer, state}. */
  public GitHubStub reviews(List<String[]> reviews) {
    ArrayNode body = JSON.createArrayNode();
    long id = 80_000_000L;
    for (String[] r : reviews) {
      ObjectNode review = body.addObject();
      review.put("id", id++);
      review.set("user", user(r[0], "User"));
      // github-api reads a review's author again (once per login and client)
      server.stubFor(get(urlPathEqualTo("/users/" + r[0])).willReturn(json(200, user(r[0], "User"))));
      review.put("state", r[1]);
      review.put("body", "");
      review.put("commit_id", HEAD);
      review.put("html_url", "https://github.com/" + REPO + "/pull/" + PR + "#pullrequestreview-" + id);
    }
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/pulls/" + PR + "/reviews")).willReturn(json(200, body)));
    return this;
  }

  /** The head's commit statuses, newest first: each {context, state}; and its check runs: {name, status, conclusion}. */
  public GitHubStub headChecks(List<String[]> statuses, List<String[]> checkRuns) {
    ArrayNode list = JSON.createArrayNode();
    long id = 1;
    for (String[] s : statuses) {
      list.addObject().put("id", id++).put("context", s[0]).put("state", s[1]).put("description", "");
    }
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/statuses/" + HEAD)).willReturn(json(200, list)));
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/commits/" + HEAD + "/statuses")).willReturn(json(200, list)));
    ObjectNode runs = JSON.createObjectNode();
    runs.put("total_count", checkRuns.size());
    ArrayNode array = runs.putArray("check_runs");
    for (String[] c : checkRuns) {
      ObjectNode run = array.addObject().put("id", id++).put("name", c[0]).put("status", c[1]).put("head_sha", HEAD);
      if (c.length > 2) {
        run.put("conclusion", c[2]);
      } else {
        run.putNull("conclusion");
      }
    }
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/commits/" + HEAD + "/check-runs")).willReturn(json(200, runs)));
    return this;
  }

  private ObjectNode pullRequestJson(String repo, int number, String head, String base) {
    ObjectNode pr = JSON.createObjectNode();
    pr.put("id", 2911853404L);
    pr.put("number", number);
    pr.put("state", "open");
    pr.put("title", "Monitor AddToCartEvent traffic");
    pr.put("url", url() + "/repos/" + repo + "/pulls/" + number);
    pr.put("html_url", "https://github.com/" + repo + "/pull/" + number);
    pr.put("issue_url", url() + "/repos/" + repo + "/issues/" + number);
    pr.put("mergeable_state", "clean");
    pr.put("changed_files", 1);
    pr.set("user", user("alice", "User"));
    pr.set("head", pointer(repo, "cart-monitor", head));
    pr.set("base", pointer(repo, "main", base));
    pr.put("merged", false);
    pr.put("mergeable", true);
    return pr;
  }

  /** GitHub's file list, 100 a page with {@code Link} headers; each entry is {status, path[, previous]}. */
  public GitHubStub files(String repo, int number, List<String[]> files) {
    int pages = Math.max(1, (files.size() + 99) / 100);
    String path = "/repos/" + repo + "/pulls/" + number + "/files";
    for (int page = 1; page <= pages; page++) {
      ArrayNode body = JSON.createArrayNode();
      for (String[] f : files.subList((page - 1) * 100, Math.min(files.size(), page * 100))) {
        ObjectNode file = body.addObject();
        file.put("sha", "bbcd538c8e72b8c175046e27cc8f907076331401");
        file.put("filename", f[1]);
        file.put("status", f[0]);
        file.put("additions", 3);
        file.put("deletions", 0);
        file.put("changes", 3);
        file.put("blob_url", "https://github.com/" + repo + "/blob/" + HEAD + "/" + f[1]);
        if (f.length > 2) {
          file.put("previous_filename", f[2]);
        }
      }
      var response = json(200, body);
      List<String> links = new ArrayList<>();
      if (page < pages) {
        links.add("<" + url() + path + "?per_page=100&page=" + (page + 1) + ">; rel=\"next\"");
        links.add("<" + url() + path + "?per_page=100&page=" + pages + ">; rel=\"last\"");
      }
      if (!links.isEmpty()) {
        response.withHeader("Link", String.join(", ", links));
      }
      var request = get(urlPathEqualTo(path));
      request = page == 1 ? request.withQueryParam("page", absent()) : request.withQueryParam("page", equalTo(String.valueOf(page)));
      server.stubFor(request.willReturn(response));
    }
    return this;
  }

  public GitHubStub files(List<String[]> files) {
    return files(REPO, PR, files);
  }

  /** The repository at {@code sha} as GitHub's zipball: a redirect to a codeload-like URL serving the archive. */
  public GitHubStub zipball(String repo, String sha, Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return zipballBytes(repo, sha, bytes);
  }

  public GitHubStub zipballBytes(String repo, String sha, Map<String, byte[]> files) {
    String codeload = "/_codeload/" + repo + "/legacy.zip/" + sha;
    server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/zipball/" + sha))
        .willReturn(withDelay(aResponse().withStatus(302).withHeader("Location", url() + codeload))));
    server.stubFor(get(urlPathEqualTo(codeload)).willReturn(withDelay(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/zip")
        .withBody(zip(repo.replace('/', '-') + "-" + sha.substring(0, Math.min(7, sha.length())), files)))));
    return this;
  }

  public GitHubStub zipball(String sha, Map<String, String> files) {
    return zipball(REPO, sha, files);
  }

  /** {@code permission} as GitHub reports it: admin, write (also for maintain), read (also for triage), none. */
  public GitHubStub permission(String repo, String login, String permission) {
    ObjectNode body = JSON.createObjectNode();
    body.put("permission", permission);
    body.put("role_name", permission);
    body.set("user", user(login, "User"));
    server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/collaborators/" + login + "/permission"))
        .willReturn(json(200, body)));
    return this;
  }

  public GitHubStub permission(String login, String permission) {
    return permission(REPO, login, permission);
  }

  /** GitHub's answer to the permission request, word for word. */
  public GitHubStub permissionAnswer(String login, String answer) {
    server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/collaborators/" + login + "/permission"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer)));
    return this;
  }

  /** ESM's own login ({@code GET /user}) and the comments already on the pull request. */
  public GitHubStub existingComments(String repo, int number, List<ObjectNode> comments) {
    ArrayNode body = JSON.createArrayNode();
    comments.forEach(body::add);
    server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/issues/" + number + "/comments")).willReturn(json(200, body)));
    return this;
  }

  public static ObjectNode comment(long id, String login, String body) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id);
    c.put("body", body);
    c.put("html_url", "https://github.com/" + REPO + "/pull/" + PR + "#issuecomment-" + id);
    c.put("url", "https://api.github.com/repos/" + REPO + "/issues/comments/" + id);
    c.set("user", user(login, login.endsWith("[bot]") ? "Bot" : "User"));
    return c;
  }

  /** GitHub's App endpoints: the App, its installation, and an installation token {@code token}. */
  /** A fresh RSA key pair, as a GitHub App's private key. */
  public static java.security.KeyPair appKeys() {
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitHubStub app(long installation, String token) {
    server.stubFor(get(urlEqualTo("/app")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":1084413,\"slug\":\"esm-monitors\",\"name\":\"ESM monitors\",\"owner\":{\"login\":\"acme\"}}")));
    server.stubFor(get(urlEqualTo("/app/installations/" + installation)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":" + installation + ",\"app_id\":1084413,\"account\":{\"login\":\"acme\"},"
            + "\"access_tokens_url\":\"" + url() + "/app/installations/" + installation + "/access_tokens\"}")));
    server.stubFor(post(urlEqualTo("/app/installations/" + installation + "/access_tokens")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"token\":\"" + token + "\",\"expires_at\":\"2099-01-01T00:00:00Z\",\"permissions\":{\"issues\":\"write\"}}")));
    server.stubFor(get(urlEqualTo("/repos/acme/event-schemas")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":1,\"name\":\"event-schemas\",\"full_name\":\"acme/event-schemas\",\"owner\":{\"login\":\"acme\"}}")));
    return this;
  }

  /** Accepts check runs on {@link #HEAD}: creating one answers ID {@code 4000}; updates answer the same. */
  public GitHubStub acceptCheckRuns() {
    ObjectNode run = JSON.createObjectNode().put("id", 4000).put("name", "esm plan").put("head_sha", HEAD)
        .put("status", "in_progress");
    server.stubFor(post(urlPathEqualTo("/repos/" + REPO + "/check-runs")).willReturn(json(201, run)));
    server.stubFor(patch(urlPathEqualTo("/repos/" + REPO + "/check-runs/4000")).willReturn(json(200, run)));
    return this;
  }

  /** The bodies sent to create and update check runs, in order. */
  public List<JsonNode> checkRunRequests() {
    return requests().stream().filter(r -> r.getUrl().contains("/check-runs") && !"GET".equals(r.getMethod().getName()))
        .map(GitHubStub::body).toList();
  }

  /**
   * For every repository whose owner/name matches {@code repoRegex}, the answers {@link
   * #acceptWrites}, {@link #pullRequest}, {@link #files}, {@link #zipball} (both commits, the same
   * {@code schemas}) and {@link #permission} give for one, in nine stubs whatever the number of
   * repositories: WireMock tries every stub on every request, so a benchmark over 100
   * repositories stubbed one by one would measure WireMock's matching.
   */
  public GitHubStub anyRepository(String repoRegex, List<String[]> files, Map<String, String> schemas, String login,
      String permission) {
    String repos = "/repos/" + repoRegex;
    server.stubFor(get(urlEqualTo("/user")).willReturn(json(200, user(SELF, "User"))));
    server.stubFor(post(urlPathMatching(repos + "/issues/comments/" + COMMENT_ID + "/reactions"))
        .willReturn(json(201, JSON.createObjectNode().put("id", 1).put("content", "eyes"))));
    server.stubFor(post(urlPathMatching(repos + "/issues/" + PR + "/comments"))
        .willReturn(json(201, comment(9000, SELF, "posted"))));
    server.stubFor(get(urlPathMatching(repos + "/issues/" + PR + "/comments")).willReturn(json(200, JSON.createArrayNode())));
    server.stubFor(post(urlPathMatching(repos + "/statuses/[0-9a-f]{40}"))
        .willReturn(json(201, JSON.createObjectNode().put("id", 1).put("state", "success").put("context", "esm"))));
    server.stubFor(get(urlPathMatching(repos + "/pulls/" + PR)).willReturn(json(200, pullRequestJson(REPO, PR, HEAD, BASE))));
    ArrayNode list = JSON.createArrayNode();
    for (String[] f : files) {
      list.addObject().put("sha", "bbcd538c8e72b8c175046e27cc8f907076331401").put("filename", f[1]).put("status", f[0])
          .put("additions", 1).put("deletions", 0).put("changes", 1);
    }
    server.stubFor(get(urlPathMatching(repos + "/pulls/" + PR + "/files")).willReturn(json(200, list)));
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    schemas.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    server.stubFor(get(urlPathMatching(repos + "/zipball/[0-9a-f]{40}"))
        .willReturn(withDelay(aResponse().withStatus(302).withHeader("Location", url() + "/_codeload/any/legacy.zip"))));
    server.stubFor(get(urlPathEqualTo("/_codeload/any/legacy.zip")).willReturn(withDelay(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/zip").withBody(zip("any-repository", bytes)))));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("permission", permission);
    answer.put("role_name", permission);
    answer.set("user", user(login, "User"));
    server.stubFor(get(urlPathMatching(repos + "/collaborators/" + login + "/permission")).willReturn(json(200, answer)));
    return this;
  }

  // ---------------------------------------------------------------- writes

  /** Accepts reactions, comments (new, edited, deleted), statuses; {@code GET /user} is {@link #SELF}. */
  public GitHubStub acceptWrites(String repo) {
    server.stubFor(get(urlEqualTo("/user")).willReturn(json(200, user(SELF, "User"))));
    server.stubFor(post(urlPathEqualTo("/repos/" + repo + "/issues/comments/" + COMMENT_ID + "/reactions"))
        .willReturn(json(201, JSON.createObjectNode().put("id", 1).put("content", "eyes"))));
    server.stubFor(post(urlPathEqualTo("/repos/" + repo + "/issues/" + PR + "/comments"))
        .willReturn(json(201, comment(9000, SELF, "posted"))));
    server.stubFor(patch(urlPathEqualTo("/repos/" + repo + "/issues/comments/8001"))
        .willReturn(json(200, comment(8001, SELF, "edited"))));
    server.stubFor(patch(urlPathEqualTo("/repos/" + repo + "/issues/comments/8002"))
        .willReturn(json(200, comment(8002, SELF, "edited"))));
    server.stubFor(delete(urlPathEqualTo("/repos/" + repo + "/issues/comments/8002"))
        .willReturn(withDelay(aResponse().withStatus(204))));
    server.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/repos/" + repo + "/statuses/[0-9a-f]{40}"))
        .willReturn(json(201, JSON.createObjectNode().put("id", 1).put("state", "success").put("context", "esm"))));
    existingComments(repo, PR, List.of());
    return this;
  }

  public GitHubStub acceptWrites() {
    return acceptWrites(REPO);
  }

  /** Any request not stubbed answers 500, so that a test sees unexpected calls fail. */
  public GitHubStub failEverythingElse() {
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(500).withBody("{\"message\":\"stub\"}")));
    return this;
  }

  // ---------------------------------------------------------------- what was asked

  public List<LoggedRequest> requests() {
    return server.getAllServeEvents().stream()
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .map(ServeEvent::getRequest)
        .toList();
  }

  /** "METHOD path" of every request, in order. */
  public List<String> calls() {
    return requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
  }

  /**
   * The bodies of comments posted (new or edited), in order, as a reader sees them: without the
   * hidden last line naming the command ({@code <!-- esm:command <delivery> -->}, a random ID per
   * test), which {@link #rawCommentBodies} keeps.
   */
  public List<String> commentBodies() {
    return rawCommentBodies().stream().map(body -> body.replaceFirst("\n<!-- esm:command [A-Za-z0-9_-]* -->$", "")).toList();
  }

  /** The bodies of comments posted (new or edited), in order, exactly as sent. */
  public List<String> rawCommentBodies() {
    return requests().stream()
        .filter(r -> ("POST".equals(r.getMethod().getName()) && r.getUrl().endsWith("/issues/" + PR + "/comments"))
            || ("PATCH".equals(r.getMethod().getName()) && r.getUrl().contains("/issues/comments/")))
        .map(r -> field(r, "body"))
        .toList();
  }

  /** The reactions added to the command comment, in order. */
  public List<String> reactions() {
    return requests().stream()
        .filter(r -> "POST".equals(r.getMethod().getName()) && r.getUrl().endsWith("/reactions"))
        .map(r -> field(r, "content"))
        .toList();
  }

  /** Commit statuses set, as "context state: description". */
  public List<String> statuses() {
    return requests().stream()
        .filter(r -> "POST".equals(r.getMethod().getName()) && r.getUrl().contains("/statuses/"))
        .map(r -> field(r, "context") + " " + field(r, "state") + ": " + field(r, "description"))
        .toList();
  }

  public static JsonNode body(LoggedRequest r) {
    try {
      return JSON.readTree(r.getBodyAsString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(LoggedRequest r, String name) {
    JsonNode node = body(r).get(name);
    return node == null || node.isNull() ? null : node.asText();
  }

  // ---------------------------------------------------------------- helpers

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, JsonNode body) {
    return withDelay(aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString()));
  }

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder withDelay(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    return delayMs > 0 ? response.withFixedDelay(delayMs) : response;
  }

  private static ObjectNode user(String login, String type) {
    ObjectNode u = JSON.createObjectNode();
    u.put("login", login);
    u.put("id", Math.abs(login.hashCode()));
    u.put("type", type);
    return u;
  }

  private ObjectNode pointer(String repo, String ref, String sha) {
    ObjectNode p = JSON.createObjectNode();
    p.put("label", repo.split("/")[0] + ":" + ref);
    p.put("ref", ref);
    p.put("sha", sha);
    ObjectNode r = p.putObject("repo");
    r.put("full_name", repo);
    r.put("name", repo.split("/")[1]);
    r.put("url", url() + "/repos/" + repo);
    r.put("html_url", "https://github.com/" + repo);
    r.putObject("owner").put("login", repo.split("/")[0]);
    return p;
  }

  /** A zipball as GitHub builds it: every file under one top folder. */
  public static byte[] zip(String topFolder, Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(topFolder + "/"));
      zip.closeEntry();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(topFolder + "/" + f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
