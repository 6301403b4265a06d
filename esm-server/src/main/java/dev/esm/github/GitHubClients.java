package dev.esm.github;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.calls.CallCounter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHApp;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.kohsuke.github.extras.HttpClientGitHubConnector;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;

/**
 * Authenticated GitHub clients: one for a token ({@code GITHUB_TOKEN}), or one per installation
 * of a GitHub App ({@code GITHUB_APP_ID} + {@code GITHUB_APP_PRIVATE_KEY}), whose installation
 * token is fetched and refreshed before it expires by github-api. Every request is counted.
 */
public abstract class GitHubClients {

  public static final String DEFAULT_API_URL = "https://api.github.com";
  public static final String ENV_TOKEN = "GITHUB_TOKEN";
  public static final String ENV_APP_ID = "GITHUB_APP_ID";
  public static final String ENV_APP_PRIVATE_KEY = "GITHUB_APP_PRIVATE_KEY";
  public static final String ENV_API_URL = "GITHUB_API_URL";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String apiUrl;
  final GitHubConnector connector;
  private volatile String selfLogin;

  /** How long GitHub may take to start answering a request. */
  static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);

  GitHubClients(String apiUrl, CallCounter counter) {
    this(apiUrl, counter, ANSWER_DEADLINE);
  }

  GitHubClients(String apiUrl, CallCounter counter, Duration answerDeadline) {
    this.apiUrl = apiUrl.replaceAll("/+$", "");
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL) // zipballs answer 302 to codeload
        .build();
    this.connector = new CountingConnector(new HttpClientGitHubConnector(new AnswerDeadlineHttpClient(http, answerDeadline)),
        counter);
  }

  /** From {@code GITHUB_TOKEN}, or {@code GITHUB_APP_ID} + {@code GITHUB_APP_PRIVATE_KEY}; {@code GITHUB_API_URL} optional. */
  public static GitHubClients fromEnvironment(Map<String, String> env, CallCounter counter) {
    String apiUrl = blankToNull(env.get(ENV_API_URL));
    apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl;
    String token = blankToNull(env.get(ENV_TOKEN));
    String appId = blankToNull(env.get(ENV_APP_ID));
    String key = blankToNull(env.get(ENV_APP_PRIVATE_KEY));
    if (token != null) {
      return withToken(apiUrl, token, counter);
    }
    if (appId != null && key != null) {
      return asApp(apiUrl, appId, PrivateKeys.read(key), counter);
    }
    if (appId != null || key != null) {
      throw new EsmException(EsmException.Kind.USAGE,
          "To act as a GitHub App, set both " + ENV_APP_ID + " and "
              + ENV_APP_PRIVATE_KEY + " (the path of the App's PEM private key).");
    }
    throw new EsmException(EsmException.Kind.USAGE,
        "The webhook service needs GitHub credentials: set " + ENV_TOKEN + ", or "
            + ENV_APP_ID + " and " + ENV_APP_PRIVATE_KEY + ".");
  }

  public static GitHubClients withToken(String apiUrl, String token, CallCounter counter) {
    return withToken(apiUrl, token, counter, ANSWER_DEADLINE);
  }

  /** With a token, giving up on a request GitHub has not started to answer within {@code answerDeadline}. */
  static GitHubClients withToken(String apiUrl, String token, CallCounter counter, Duration answerDeadline) {
    return new TokenClients(apiUrl, token, counter, answerDeadline);
  }

  public static GitHubClients asApp(String apiUrl, String appId, PrivateKey key, CallCounter counter) {
    return new AppClients(apiUrl, appId, key, counter);
  }

  /**
   * The client to act on a delivery with. {@code installationId} is the payload's
   * {@code installation.id}; a GitHub App needs it, a token ignores it.
   */
  public abstract GitHub forInstallation(Long installationId) throws IOException;

  /** The login ESM's comments are written by (a GitHub App's is {@code slug[bot]}); read once. */
  public String selfLogin() throws IOException {
    String login = selfLogin;
    if (login == null) {
      login = readSelfLogin();
      selfLogin = login;
    }
    return login;
  }

  /**
   * The repositories that {@code entries} ({@code owner/name} or {@code owner/*}) name, each with
   * the installation to act through: as a GitHub App, a wildcard stands for the installation's
   * repositories of that owner; with a token, only named repositories are known.
   */
  public abstract List<Served> served(List<String> entries) throws IOException;

  /** A repository the service serves, and the App installation it is reached through (null with a token). */
  public record Served(String fullName, Long installationId) {}

  /** True for a GitHub App (which can write check runs), false for a token. */
  public boolean isApp() {
    return this instanceof AppClients;
  }

  /** How ESM authenticates, for the start-up log; never the secret itself. */
  public abstract String describe();

  /** The {@code Authorization} header of a request made for this installation. */
  abstract String authorization(Long installationId) throws IOException;

  /**
   * GETs {@code path} (e.g. {@code /repos/o/r/collaborators/x/permission}) and reads the JSON
   * answer, for the fields github-api does not model; counted like every other request.
   *
   * @return the answer, or null for 404
   */
  public JsonNode getJson(Long installationId, String path) throws IOException {
    URL url = new URL(apiUrl + path);
    try (GitHubConnectorResponse response = connector.send(new RawRequest("GET", url, authorization(installationId)))) {
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() >= 400) {
        throw new HttpException("GET " + path, response.statusCode(), String.valueOf(response.statusCode()), url.toString());
      }
      try (InputStream body = response.bodyStream()) {
        return JSON.readTree(body);
      }
    }
  }

  abstract String readSelfLogin() throws IOException;

  /**
   * The App's webhook deliveries, to ask GitHub for those ESM missed; empty with a token, whose
   * webhook deliveries GitHub lists to no one but a repository administrator.
   */
  public java.util.Optional<HookDeliveries> hookDeliveries() {
    return java.util.Optional.empty();
  }

  GitHubBuilder builder() {
    return new GitHubBuilder()
        .withEndpoint(apiUrl)
        .withConnector(connector)
        // A primary rate limit can last an hour: fail and say so on the pull request rather than block a worker.
        .withRateLimitHandler(GitHubRateLimitHandler.FAIL);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static final class TokenClients extends GitHubClients {
    private final GitHub gitHub;
    private final String authorization;

    TokenClients(String apiUrl, String token, CallCounter counter, Duration answerDeadline) {
      super(apiUrl, counter, answerDeadline);
      this.authorization = "token " + token;
      try {
        // A plain provider, not withOAuthToken: github-api would ask GitHub for the login at once,
        // and start-up must not call GitHub.
        this.gitHub = builder().withAuthorizationProvider(() -> authorization).build();
      } catch (IOException e) {
        throw new EsmException(EsmException.Kind.REMOTE, "Cannot set up the GitHub client: " + e.getMessage(), e);
      }
    }

    @Override
    public GitHub forInstallation(Long installationId) {
      return gitHub;
    }

    @Override
    String readSelfLogin() throws IOException {
      return gitHub.getMyself().getLogin();
    }

    @Override
    String authorization(Long installationId) {
      return authorization;
    }

    @Override
    public List<Served> served(List<String> entries) {
      return entries.stream().map(String::trim).filter(e -> !e.endsWith("/*")).distinct()
          .map(e -> new Served(e, null)).toList();
    }

    @Override
    public String describe() {
      return "a token (" + ENV_TOKEN + ") at " + apiUrl;
    }
  }

  private static final class AppClients extends GitHubClients {
    private final String appId;
    private final AuthorizationProvider jwt;
    private final Map<Long, GitHub> installations = new ConcurrentHashMap<>();
    private final Map<Long, AuthorizationProvider> tokens = new ConcurrentHashMap<>();

    AppClients(String apiUrl, String appId, PrivateKey key, CallCounter counter) {
      super(apiUrl, counter);
      this.appId = appId;
      this.jwt = new JWTTokenProvider(appId, key);
    }

    @Override
    public GitHub forInstallation(Long installationId) throws IOException {
      if (installationId == null) {
        throw new IOException("the delivery names no GitHub App installation (installation.id)");
      }
      try {
        return installations.computeIfAbsent(installationId, id -> {
          try {
            AuthorizationProvider installationToken = token(id);
            return builder().withAuthorizationProvider(installationToken).build();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private AuthorizationProvider token(long installationId) {
      return tokens.computeIfAbsent(installationId,
          id -> new AppInstallationAuthorizationProvider(app -> app.getInstallationById(id), jwt));
    }

    @Override
    String authorization(Long installationId) throws IOException {
      if (installationId == null) {
        throw new IOException("the delivery names no GitHub App installation (installation.id)");
      }
      return token(installationId).getEncodedAuthorization();
    }

    @Override
    public List<Served> served(List<String> entries) throws IOException {
      GHApp app = builder().withAuthorizationProvider(jwt).build().getApp();
      java.util.Set<Served> served = new java.util.LinkedHashSet<>();
      for (String entry : entries.stream().map(String::trim).distinct().toList()) {
        String owner = entry.substring(0, entry.indexOf('/'));
        if (!entry.endsWith("/*")) {
          served.add(new Served(entry, app.getInstallationByRepository(owner, entry.substring(entry.indexOf('/') + 1)).getId()));
          continue;
        }
        long installation;
        try {
          installation = app.getInstallationByOrganization(owner).getId();
        } catch (org.kohsuke.github.GHFileNotFoundException notAnOrganization) {
          installation = app.getInstallationByUser(owner).getId();
        }
        for (GHRepository repository : forInstallation(installation).getInstallation().listRepositories()) {
          if (repository.getOwnerName().equalsIgnoreCase(owner)) {
            served.add(new Served(repository.getFullName(), installation));
          }
        }
      }
      return List.copyOf(served);
    }

    @Override
    public java.util.Optional<HookDeliveries> hookDeliveries() {
      return java.util.Optional.of(new HookDeliveries(apiUrl, connector, jwt::getEncodedAuthorization));
    }

    @Override
    String readSelfLogin() throws IOException {
      GitHub asApp = builder().withAuthorizationProvider(jwt).build();
      return asApp.getApp().getSlug() + "[bot]";
    }

    @Override
    public String describe() {
      return "GitHub App " + appId + " (" + ENV_APP_ID + ") at " + apiUrl;
    }
  }

  /** A request without a body and with ESM's authorization, sent through the counting connector. */
  record RawRequest(String method, URL url, String authorization) implements GitHubConnectorRequest {

    @Override
    public Map<String, List<String>> allHeaders() {
      return Map.of("Authorization", List.of(authorization), "Accept", List.of("application/vnd.github+json"));
    }

    @Override
    public String header(String name) {
      List<String> values = allHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      return values == null ? null : values.get(0);
    }

    @Override
    public String contentType() {
      return null;
    }

    @Override
    public InputStream body() {
      return null;
    }

    @Override
    public boolean hasBody() {
      return false;
    }
  }
}
