package dev.esm.github;

import static dev.esm.github.GitHubStub.BASE;
import static dev.esm.github.GitHubStub.HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.config.LimitExceededException;
import dev.esm.core.config.Limits;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.calls.CallCounter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.github.GHRepository;

/** Archives built to hurt: they are unpacked within the limits, or refused with a message saying why. */
class HostileArchivesTest {

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

  private CheckedOutPullRequest read(Limits limits) throws IOException {
    GitHubClients clients = GitHubClients.withToken(github.url(), "test-token", CallCounter.NONE);
    byte[] payload;
    try (InputStream in = getClass().getResourceAsStream("/dev/esm/webhook/payloads/issue_comment-created-register.json")) {
      payload = in.readAllBytes();
    }
    GHRepository repository = GitHubFeedback.forDelivery(clients.forInstallation(null), payload, () -> "esm-bot").repository();
    return new PullRequestReader(new SchemaPaths(List.of()), temp, limits).read(repository, GitHubStub.PR, "alice");
  }

  private static Limits archiveLimit(long bytes) {
    return new Limits(null, null, bytes, null, null);
  }

  /**
   * {@code files} files of {@code size} zero bytes each, about a thousandth of that zipped. The
   * zeros are deflated once and that stream written for every entry, as a zip tool would write it.
   */
  static byte[] zipBomb(int files, int size) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    byte[] buffer = new byte[1 << 16];
    CRC32 crc = new CRC32();
    for (int left = size; left > 0; left -= zeros.length) {
      int n = Math.min(left, zeros.length);
      crc.update(zeros, 0, n);
      deflater.setInput(zeros, 0, n);
      while (!deflater.needsInput()) {
        compressed.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    byte[] data = compressed.toByteArray();

    ByteBuffer zip = ByteBuffer.allocate(files * (data.length + 200) + 1000).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer central = ByteBuffer.allocate(files * 200).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < files; i++) {
      byte[] name = ("acme-event-schemas-1111111/schemas/bomb" + i + ".avdl").getBytes(StandardCharsets.UTF_8);
      int offset = zip.position();
      zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
          .putInt((int) crc.getValue()).putInt(data.length).putInt(size).putShort((short) name.length).putShort((short) 0)
          .put(name).put(data);
      central.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
          .putInt((int) crc.getValue()).putInt(data.length).putInt(size).putShort((short) name.length).putShort((short) 0)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name);
    }
    int centralStart = zip.position();
    zip.put(central.array(), 0, central.position());
    zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) files).putShort((short) files)
        .putInt(central.position()).putInt(centralStart).putShort((short) 0);
    return java.util.Arrays.copyOf(zip.array(), zip.position());
  }

  private static long bytesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Test
  void aZipBombStopsAtTheLimitAndWritesNoMoreThanItToDisk() throws IOException {
    byte[] bomb = zipBomb(10, 4 << 20);
    assertThat(bomb.length).isLessThan(100_000);
    Path out = temp.resolve("out");

    assertThatThrownBy(() -> ArchiveExtractor.extract(new ByteArrayInputStream(bomb), out, archiveLimit(5 << 20), "the archive"))
        .isInstanceOf(ArchiveExtractor.Refused.class)
        .hasMessage("limits.max_archive_bytes is 5242880; got more than 5242880 bytes unpacked from the archive");
    assertThat(bytesUnder(out)).isLessThanOrEqualTo(5 << 20);
  }

  @Test
  void aZipBombInAPullRequestIsReportedAsTheLimitAndLeavesNothingBehind() throws IOException {
    github.files(List.<String[]>of(new String[] {"modified", "schemas/bomb0.avdl"}));
    github.zipball(BASE, Map.of("schemas/bomb0.avdl", "protocol Bomb {}"));
    github.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/repos/acme/event-schemas/zipball/" + HEAD))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200).withBody(zipBomb(10, 4 << 20))));

    assertThatThrownBy(() -> read(archiveLimit(5 << 20)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("limits.max_archive_bytes is 5242880; got more than 5242880 bytes unpacked from the archive of the head commit");
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aLargeDownloadStopsAtTheLimit() {
    byte[] noise = new byte[300_000];
    new Random(7).nextBytes(noise);
    byte[] zip = GitHubStub.zip("acme-event-schemas-1111111", Map.of("data/noise.bin", noise));

    assertThatThrownBy(() -> ArchiveExtractor.extract(new ByteArrayInputStream(zip), temp.resolve("out"), archiveLimit(100_000),
        "the archive"))
        .isInstanceOf(ArchiveExtractor.Refused.class)
        .hasMessageStartingWith("limits.max_archive_bytes is 100000; got more than 100000 bytes ");
  }

  @Test
  void anEntryClimbingOutOfTheCheckoutIsRefusedSayingWhich() throws IOException {
    github.files(List.<String[]>of(new String[] {"modified", "schemas/cart.avdl"}));
    github.zipball(BASE, Map.of("schemas/cart.avdl", "protocol Cart {}"));
    github.zipball(HEAD, Map.of("schemas/cart.avdl", "protocol Cart {}", "../../escape.avdl", "protocol Escape {}"));

    assertThatThrownBy(() -> read(Limits.DEFAULT))
        .isInstanceOf(EsmException.class)
        .isNotInstanceOf(GitHubException.class)
        .hasMessage("ESM refused the archive of the head commit: its entry \"acme-event-schemas-1111111/../../escape.avdl\" "
            + "would land outside the checkout.");
    assertThat(temp.getParent().resolve("escape.avdl")).doesNotExist();
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aSymlinkInTheArchiveIsUnpackedAsAPlainFileThatLeadsNowhere() throws IOException {
    byte[] zip = withSymlink(GitHubStub.zip("acme-event-schemas-1111111",
        Map.of("schemas/link.avdl", "/etc/passwd".getBytes(StandardCharsets.UTF_8))), "schemas/link.avdl");
    Path out = temp.resolve("out");

    ArchiveExtractor.extract(new ByteArrayInputStream(zip), out, Limits.DEFAULT, "the archive");

    Path link = out.resolve("schemas/link.avdl");
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.readString(link)).isEqualTo("/etc/passwd");
  }

  @Test
  void morePullRequestSchemasThanMaxFilesIsAnErrorNamingTheLimit() {
    github.files(List.of(new String[] {"added", "schemas/a.avdl"}, new String[] {"added", "schemas/b.avdl"},
        new String[] {"added", "schemas/c.avdl"}, new String[] {"added", "README.md"}));
    github.zipball(BASE, Map.of());
    github.zipball(HEAD, Map.of());

    assertThatThrownBy(() -> read(new Limits(null, 2, null, null, null)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("limits.max_files is 2; got pull request #42 changes 3 .avdl files");
  }

  @Test
  void foldersLeftByAProcessThatIsGoneAreDeletedAtStartAndLiveOnesKept() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Path mine = Files.createDirectories(temp.resolve("esm-pr-" + self.pid() + "-" + started + "-123"));
    Path gone = Files.createDirectories(temp.resolve("esm-pr-" + self.pid() + "-" + (started - 60_000) + "-456/head/schemas"));
    Files.writeString(gone.resolve("cart.avdl"), "protocol Cart {}");
    Path other = Files.createDirectories(temp.resolve("not-ours"));

    int deleted = new PullRequestReader(new SchemaPaths(List.of()), temp).deleteAbandonedWorkspaces();

    assertThat(deleted).isEqualTo(1);
    assertThat(mine).isDirectory();
    assertThat(other).isDirectory();
    assertThat(temp.resolve("esm-pr-" + self.pid() + "-" + (started - 60_000) + "-456")).doesNotExist();
  }

  /** Marks {@code name} in the central directory as a Unix symlink (mode 0120777), as {@code zip -y} stores one. */
  static byte[] withSymlink(byte[] zip, String name) {
    ByteBuffer buffer = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = 0; at + 46 < zip.length; at++) {
      if (buffer.getInt(at) == 0x02014b50) {
        int nameLength = buffer.getShort(at + 28) & 0xffff;
        String entry = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
        if (entry.endsWith("/" + name)) {
          buffer.putShort(at + 4, (short) (3 << 8 | 20)); // made by Unix
          buffer.putInt(at + 38, 0120777 << 16);
        }
      }
    }
    return buffer.array();
  }
}
