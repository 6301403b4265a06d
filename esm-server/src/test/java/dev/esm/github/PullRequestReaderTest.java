package dev.esm.github;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.github.ChangedFile.Status;
import dev.esm.core.calls.CallCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.github.GHRepository;

class PullRequestReaderTest {

  static GitHubStub github;
  @TempDir Path temp;

  @BeforeAll
  static void startGitHub() {
    github = new GitHubStub();
  }

  @AfterAll
  static void stopGitHub() {
    github.close();
  }

  @BeforeEach
  void reset() {
    github.reset();
    github.pullRequest();
  }

  private CheckedOutPullRequest read(List<String> schemaPaths) throws IOException {
    return read(schemaPaths, List.of());
  }

  private CheckedOutPullRequest read(List<String> schemaPaths, List<String> sourceFolders) throws IOException {
    GitHubClients clients = GitHubClients.withToken(github.url(), "test-token", CallCounter.NONE);
    byte[] payload;
    try (InputStream in = getClass().getResourceAsStream("/dev/esm/webhook/payloads/issue_comment-created-register.json")) {
      payload = in.readAllBytes();
    }
    GHRepository repository = GitHubFeedback.forDelivery(clients.forInstallation(null), payload, () -> "esm-bot").repository();
    return new PullRequestReader(new SchemaPaths(schemaPaths), temp, dev.esm.core.config.Limits.DEFAULT, sourceFolders)
        .read(repository, GitHubStub.PR, "alice");
  }

  @Test
  void keepsTheJavaSourcesOfCoverageSourcesInBothCheckouts() throws IOException {
    github.files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}));
    Map<String, String> files = Map.of(
        "schemas/cart.avdl", "protocol Cart {}",
        "services/shop/Shop.java", "class Shop {}",
        "tools/Tool.java", "class Tool {}");
    github.zipball(BASE, files);
    github.zipball(HEAD, files);

    try (CheckedOutPullRequest checkout = read(List.of("schemas/"), List.of("services"))) {
      PullRequestSnapshot pr = checkout.snapshot();
      for (Path root : List.of(pr.baseRoot(), pr.headRoot())) {
        assertThat(root.resolve("services/shop/Shop.java")).hasContent("class Shop {}");
        assertThat(root.resolve("tools/Tool.java")).doesNotExist();
      }
    }
  }

  @Test
  void readsChangedSchemasAndBothVersionsWithOneArchivePerCommit() throws IOException {
    github.files(List.of(
        new String[] {"modified", "schemas/cart/cart.avdl"},
        new String[] {"added", "schemas/search.avdl"},
        new String[] {"removed", "schemas/old.avdl"},
        new String[] {"renamed", "schemas/new-name.avdl", "schemas/old-name.avdl"},
        new String[] {"modified", "README.md"},
        new String[] {"modified", "tools/sample.avdl"}));
    github.zipball(BASE, Map.of(
        "schemas/cart/cart.avdl", "protocol Cart { /* base */ }",
        "schemas/old.avdl", "protocol Old {}",
        "schemas/old-name.avdl", "protocol Renamed {}",
        "schemas/common/types.avdl", "protocol Types {}",
        "CODEOWNERS", "schemas/cart/ @acme/team-cart\n",
        "README.md", "# Schemas\n"));
    github.zipball(HEAD, Map.of(
        "schemas/cart/cart.avdl", "protocol Cart { /* head */ }",
        "schemas/search.avdl", "protocol Search {}",
        "schemas/new-name.avdl", "protocol Renamed {}",
        "schemas/common/types.avdl", "protocol Types {}",
        ".github/CODEOWNERS", "* @acme/platform\n",
        "docs/CODEOWNERS", "* @acme/docs\n",
        "src/Main.java", "class Main {}"));

    try (CheckedOutPullRequest checkout = read(List.of("schemas/"))) {
      PullRequestSnapshot pr = checkout.snapshot();
      assertThat(pr.repository()).isEqualTo("acme/event-schemas");
      assertThat(pr.number()).isEqualTo(42);
      assertThat(pr.url()).hasToString("https://github.com/acme/event-schemas/pull/42");
      assertThat(pr.headSha()).isEqualTo(HEAD);
      assertThat(pr.baseSha()).isEqualTo(BASE);
      assertThat(pr.defaultBranch()).isEqualTo("main");
      assertThat(pr.repositoryUrl()).hasToString("https://github.com/acme/event-schemas");
      assertThat(pr.commenter()).isEqualTo("alice");
      assertThat(pr.changedFiles()).containsExactly(
          new ChangedFile(Status.MODIFIED, "schemas/cart/cart.avdl", null),
          new ChangedFile(Status.ADDED, "schemas/search.avdl", null),
          new ChangedFile(Status.REMOVED, "schemas/old.avdl", null),
          new ChangedFile(Status.RENAMED, "schemas/new-name.avdl", "schemas/old-name.avdl"));

      assertThat(pr.baseRoot().resolve("schemas/cart/cart.avdl")).content().contains("base");
      assertThat(pr.headRoot().resolve("schemas/cart/cart.avdl")).content().contains("head");
      assertThat(pr.baseRoot().resolve("schemas/old.avdl")).exists();
      assertThat(pr.headRoot().resolve("schemas/old.avdl")).doesNotExist();
      assertThat(pr.baseRoot().resolve("schemas/old-name.avdl")).exists();
      assertThat(pr.headRoot().resolve("schemas/new-name.avdl")).exists();
      assertThat(pr.headRoot().resolve("schemas/common/types.avdl")).exists();
      assertThat(pr.baseRoot().resolve("CODEOWNERS")).exists();
      assertThat(pr.headRoot().resolve(".github/CODEOWNERS")).exists();
      assertThat(pr.headRoot().resolve("docs/CODEOWNERS")).exists();
      assertThat(pr.baseRoot().resolve("README.md")).doesNotExist();
      assertThat(pr.headRoot().resolve("src/Main.java")).doesNotExist();
    }
    // github-api asks for the token's user once per client (GET /user), not per command.
    List<String> calls = github.calls().stream().filter(c -> !c.equals("GET /user")).toList();
    assertThat(calls.get(0)).isEqualTo("GET /repos/acme/event-schemas/pulls/42");
    // then the file list and both archives, at the same time
    assertThat(calls.subList(1, calls.size())).containsExactlyInAnyOrder(
        "GET /repos/acme/event-schemas/pulls/42/files?per_page=100",
        "GET /repos/acme/event-schemas/zipball/" + BASE,
        "GET /_codeload/acme/event-schemas/legacy.zip/" + BASE,
        "GET /repos/acme/event-schemas/zipball/" + HEAD,
        "GET /_codeload/acme/event-schemas/legacy.zip/" + HEAD);
  }

  @Test
  void deletedSchemaIsReportedRemovedWithItsBaseVersionPresent() throws IOException {
    github.files(List.<String[]>of(new String[] {"removed", "schemas/cart.avdl"}));
    github.zipball(BASE, Map.of("schemas/cart.avdl", "protocol Cart {}"));
    github.zipball(HEAD, Map.of("schemas/other.avdl", "protocol Other {}"));

    try (CheckedOutPullRequest checkout = read(List.of())) {
      PullRequestSnapshot pr = checkout.snapshot();
      ChangedFile removed = new ChangedFile(Status.REMOVED, "schemas/cart.avdl", null);
      assertThat(pr.changedFiles()).containsExactly(removed);
      assertThat(removed.basePath()).isEqualTo("schemas/cart.avdl");
      assertThat(removed.headPath()).isNull();
      assertThat(pr.baseRoot().resolve("schemas/cart.avdl")).hasContent("protocol Cart {}");
      assertThat(pr.headRoot().resolve("schemas/cart.avdl")).doesNotExist();
    }
  }

  @Test
  void listsMoreThanHundredChangedFilesOverTwoPagesWithoutMoreArchiveCalls() throws IOException {
    List<String[]> files = new ArrayList<>();
    Map<String, String> head = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      String path = String.format("schemas/event%03d.avdl", i);
      files.add(new String[] {"added", path});
      head.put(path, "protocol P" + i + " {}");
    }
    github.files(files);
    github.zipball(BASE, Map.of());
    github.zipball(HEAD, head);

    try (CheckedOutPullRequest checkout = read(List.of("schemas"))) {
      PullRequestSnapshot pr = checkout.snapshot();
      assertThat(pr.changedFiles()).hasSize(150);
      assertThat(pr.changedFiles().get(149).path()).isEqualTo("schemas/event149.avdl");
      assertThat(pr.headRoot().resolve("schemas/event149.avdl")).exists();
    }
    assertThat(github.calls()).filteredOn(c -> c.contains("/files")).containsExactly(
        "GET /repos/acme/event-schemas/pulls/42/files?per_page=100",
        "GET /repos/acme/event-schemas/pulls/42/files?per_page=100&page=2");
    assertThat(github.calls()).filteredOn(c -> c.contains("/zipball/")).hasSize(2);
  }

  @Test
  void loadsSchemaFilesLargerThanOneMegabyte() throws IOException {
    byte[] big = ("protocol Big {}\n" + "// padding\n".repeat(200_000)).getBytes();
    assertThat(big.length).isGreaterThan(2_000_000);
    github.files(List.<String[]>of(new String[] {"modified", "schemas/big.avdl"}));
    github.zipballBytes(GitHubStub.REPO, BASE, Map.of("schemas/big.avdl", "protocol Big {}".getBytes()));
    github.zipballBytes(GitHubStub.REPO, HEAD, Map.of("schemas/big.avdl", big));

    try (CheckedOutPullRequest checkout = read(List.of())) {
      assertThat(Files.size(checkout.snapshot().headRoot().resolve("schemas/big.avdl"))).isEqualTo(big.length);
    }
  }

  @Test
  void deletesItsTemporaryFoldersWhenClosed() throws IOException {
    github.files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}));
    github.zipball(BASE, Map.of("schemas/cart.avdl", "a"));
    github.zipball(HEAD, Map.of("schemas/cart.avdl", "b"));

    PullRequestSnapshot pr;
    try (CheckedOutPullRequest checkout = read(List.of())) {
      pr = checkout.snapshot();
      assertThat(pr.baseRoot()).isDirectory();
    }
    assertThat(pr.baseRoot()).doesNotExist();
    assertThat(pr.headRoot()).doesNotExist();
    try (var left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void saysWhatItWasDoingWhenGitHubFails() {
    github.files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}));
    github.zipball(BASE, Map.of("schemas/cart.avdl", "a"));
    // no head zipball: GitHub answers 404

    assertThatThrownBy(() -> read(List.of()))
        .isInstanceOf(GitHubException.class)
        .hasMessage("GitHub answered HTTP 404 while downloading the head commit " + HEAD + " of acme/event-schemas.");
    try (var left = Files.list(temp)) {
      assertThat(left).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void refusesArchiveEntriesOutsideTheTargetFolder() {
    byte[] evil = GitHubStub.zip("acme-x-1234567", Map.of("../../escape.avdl", "x".getBytes()));
    assertThatThrownBy(() -> ArchiveExtractor.extract(new java.io.ByteArrayInputStream(evil), temp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside");
    assertThat(temp.resolve("escape.avdl")).doesNotExist();
  }

  @Test
  void keepsTheJavaSourcesOfTheFoldersAskedForAndNothingElse() throws IOException {
    byte[] zip = GitHubStub.zip("acme-x-1234567", Map.of(
        "events/cart.avdl", "protocol P {}".getBytes(),
        "producer/src/Cart.java", "class Cart {}".getBytes(),
        "producer/src/notes.txt", "notes".getBytes(),
        "other/Elsewhere.java", "class Elsewhere {}".getBytes(),
        "producerish/Near.java", "class Near {}".getBytes()));
    Path out = temp.resolve("out");

    ArchiveExtractor.extract(new java.io.ByteArrayInputStream(zip), out, dev.esm.core.config.Limits.DEFAULT, "the archive",
        DefaultBranchReader.javaSourcesUnder(List.of("./producer/")));

    try (var files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')))
          .containsExactlyInAnyOrder("events/cart.avdl", "producer/src/Cart.java");
    }
  }
}
