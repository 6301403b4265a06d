package dev.esm.github;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.calls.CallCounter;
import dev.esm.core.calls.TallyCounter;
import dev.esm.webhook.ServiceSettings;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.github.GitHub;

class GitHubClientsTest {

  static GitHubStub github;
  static KeyPair keys;
  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    github = new GitHubStub();
    keys = GitHubStub.appKeys();
  }

  @AfterAll
  static void stop() {
    github.close();
  }

  @BeforeEach
  void reset() {
    github.reset();
  }

  private static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private void stubApp(long installation, String token) {
    github.app(installation, token);
  }

  @Test
  void actsAsAppInstallationWithPkcs1KeyAsGitHubHandsItOut() throws Exception {
    String pkcs1 = pem(keys.getPrivate());
    assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Path keyFile = temp.resolve("esm.private-key.pem");
    Files.writeString(keyFile, pkcs1);
    stubApp(58211903L, "ghs_installation_token");
    TallyCounter counter = new TallyCounter();

    GitHubClients clients = GitHubClients.fromEnvironment(Map.of(
        ServiceSettings.ENV_GITHUB_API_URL, github.url(),
        ServiceSettings.ENV_GITHUB_APP_ID, "1084413",
        ServiceSettings.ENV_GITHUB_APP_PRIVATE_KEY, keyFile.toString()), counter);
    GitHub client = clients.forInstallation(58211903L);
    client.getRepository("acme/event-schemas");
    client.getRepository("acme/event-schemas"); // the installation token is reused

    var server = github.wireMock();
    server.verify(1, postRequestedFor(urlEqualTo("/app/installations/58211903/access_tokens"))
        .withHeader("Authorization", matching("Bearer .+")));
    server.verify(2, getRequestedFor(urlEqualTo("/repos/acme/event-schemas"))
        .withHeader("Authorization", equalTo("token ghs_installation_token")));
    String jwt = server.findAll(postRequestedFor(urlPathEqualTo("/app/installations/58211903/access_tokens")))
        .get(0).getHeader("Authorization").substring("Bearer ".length());
    Claims claims = Jwts.parser().verifyWith(keys.getPublic()).build().parseSignedClaims(jwt).getPayload();
    assertThat(claims.getIssuer()).isEqualTo("1084413");
    assertThat(claims.getExpiration()).isAfter(claims.getIssuedAt());
    assertThat(counter.calls()).isEqualTo(server.getAllServeEvents().size());
    assertThat(counter.errors()).isZero();
    assertThat(clients.selfLogin()).isEqualTo("esm-monitors[bot]");
    assertThat(clients.forInstallation(58211903L)).isSameAs(client);
  }

  @Test
  void aRequestGitHubDoesNotAnswerFailsAtTheDeadlineInsteadOfHoldingTheCommand() throws Exception {
    github.wireMock().stubFor(get(urlPathEqualTo("/repos/acme/silent")).willReturn(aResponse().withStatus(200)
        .withFixedDelay(3_000).withHeader("Content-Type", "application/json").withBody("{\"full_name\":\"acme/silent\"}")));
    GitHubClients patient = GitHubClients.withToken(github.url(), "t", CallCounter.NONE);
    assertThat(patient.forInstallation(null).getRepository("acme/silent").getFullName()).isEqualTo("acme/silent");

    GitHubClients hurried = GitHubClients.withToken(github.url(), "t", CallCounter.NONE, Duration.ofMillis(300));
    assertThatThrownBy(() -> hurried.forInstallation(null).getRepository("acme/silent"))
        .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
  }

  @Test
  void servesOnlyRepositoriesNamedInFullWithAToken() throws Exception {
    GitHubClients clients = GitHubClients.withToken(github.url(), "ghp_secret", CallCounter.NONE);
    github.wireMock().resetRequests(); // github-api reads GET /user when it is built with a token

    assertThat(clients.served(java.util.List.of("acme/event-schemas", "acme/*", "globex/schemas")))
        .containsExactly(new GitHubClients.Served("acme/event-schemas", null), new GitHubClients.Served("globex/schemas", null));
    assertThat(github.calls()).isEmpty();
  }

  @Test
  void servesTheInstallationsRepositoriesOfAnOwnerWildcardAsAnApp() throws Exception {
    stubApp(58211903L, "ghs_installation_token");
    var server = github.wireMock();
    String installation = "{\"id\":58211903,\"app_id\":1084413,\"account\":{\"login\":\"acme\"},\"access_tokens_url\":\""
        + github.url() + "/app/installations/58211903/access_tokens\"}";
    server.stubFor(get(urlEqualTo("/orgs/acme/installation")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(installation)));
    server.stubFor(get(urlEqualTo("/repos/globex/schemas/installation")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(installation.replace("58211903,", "77,"))));
    server.stubFor(get(urlPathEqualTo("/installation/repositories")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"total_count\":2,\"repositories\":[{\"id\":1,\"name\":\"event-schemas\",\"full_name\":\"acme/event-schemas\","
            + "\"owner\":{\"login\":\"acme\"}},{\"id\":2,\"name\":\"orders\",\"full_name\":\"acme/orders\",\"owner\":{\"login\":\"acme\"}}]}")));
    GitHubClients clients = GitHubClients.asApp(github.url(), "1084413", keys.getPrivate(), CallCounter.NONE);

    assertThat(clients.served(java.util.List.of("acme/*", "globex/schemas"))).containsExactly(
        new GitHubClients.Served("acme/event-schemas", 58211903L),
        new GitHubClients.Served("acme/orders", 58211903L),
        new GitHubClients.Served("globex/schemas", 77L));
    server.verify(getRequestedFor(urlPathEqualTo("/installation/repositories"))
        .withHeader("Authorization", equalTo("token ghs_installation_token")));
  }

  @Test
  void acceptsPkcs8Keys() throws Exception {
    String pkcs8 = pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    assertThat(pkcs8).startsWith("-----BEGIN PRIVATE KEY-----");
    Path keyFile = temp.resolve("pkcs8.pem");
    Files.writeString(keyFile, pkcs8);

    PrivateKey key = PrivateKeys.read(keyFile.toString());

    assertThat(((RSAPrivateCrtKey) key).getModulus()).isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getModulus());
  }

  @Test
  void explainsAnUnreadableKey() throws Exception {
    Path keyFile = temp.resolve("not-a-key.pem");
    Files.writeString(keyFile, "hello\n");

    assertThatThrownBy(() -> PrivateKeys.read(keyFile.toString()))
        .isInstanceOf(EsmException.class)
        .hasMessageContaining("not an unencrypted private key in PEM form");
    assertThatThrownBy(() -> PrivateKeys.read(temp.resolve("missing.pem").toString()))
        .isInstanceOf(EsmException.class)
        .hasMessageContaining("Cannot read the GitHub App private key");
  }

  @Test
  void usesTheTokenWhenGiven() throws Exception {
    stubApp(1, "unused");
    GitHubClients clients = GitHubClients.fromEnvironment(Map.of(
        ServiceSettings.ENV_GITHUB_API_URL, github.url(),
        ServiceSettings.ENV_GITHUB_TOKEN, "ghp_secret"), CallCounter.NONE);

    clients.forInstallation(null).getRepository("acme/event-schemas");

    github.wireMock().verify(getRequestedFor(urlEqualTo("/repos/acme/event-schemas"))
        .withHeader("Authorization", equalTo("token ghp_secret")));
    assertThat(clients.describe()).doesNotContain("ghp_secret");
  }

  @Test
  void refusesToStartWithoutCredentials() {
    assertThatThrownBy(() -> GitHubClients.fromEnvironment(Map.of(), CallCounter.NONE))
        .isInstanceOf(EsmException.class)
        .hasMessage("The webhook service needs GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY.");
    assertThatThrownBy(() -> GitHubClients.fromEnvironment(Map.of(ServiceSettings.ENV_GITHUB_APP_ID, "1"), CallCounter.NONE))
        .isInstanceOf(EsmException.class)
        .hasMessageContaining("set both GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY");
  }
}
