package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  // GitHub's documented example: secret "It's a Secret to Everybody", body "Hello, World!".
  private final WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");
  private final byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void signsLikeGitHubsDocumentedExample() {
    assertThat(signature.sign(body)).isEqualTo(EXPECTED);
  }

  @Test
  void acceptsOnlyTheExactSignatureOfTheRawBody() {
    assertThat(signature.verify(body, EXPECTED)).isTrue();
    assertThat(signature.verify(body, EXPECTED.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    assertThat(signature.verify("Hello, World! ".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
    assertThat(signature.verify(body, null)).isFalse();
    assertThat(signature.verify(body, "")).isFalse();
    assertThat(signature.verify(body, "sha256=")).isFalse();
    assertThat(signature.verify(body, "sha256=zz")).isFalse();
    assertThat(signature.verify(body, EXPECTED.substring(0, EXPECTED.length() - 2))).isFalse();
    assertThat(signature.verify(body, EXPECTED.replace("sha256=", "sha1="))).isFalse();
    assertThat(new WebhookSignature("another").verify(body, EXPECTED)).isFalse();
  }
}
