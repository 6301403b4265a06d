package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void logsAGuidDeliveryIdAsItIsAndQuotesAnythingElse() {
    assertThat(LogText.deliveryId("72d3162e-cc78-11e3-81ab-4c9367dc0958")).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertThat(LogText.deliveryId(null)).isEqualTo("-");
    assertThat(LogText.deliveryId("a b\nevent=forged\u2028\"")).isEqualTo("\"a b\\u000aevent=forged\\u2028\\u0022\"");
    assertThat(LogText.deliveryId("x".repeat(100))).isEqualTo("\"" + "x".repeat(64) + "…(100 chars)\"");
  }

  @Test
  void keepsAMessageOnOneShortLine() {
    assertThat(LogText.message("line one\r\nline two\tend")).isEqualTo("line one\\u000d\\u000aline two\\u0009end");
    assertThat(LogText.message("y".repeat(5_000))).hasSize(LogText.MAX_MESSAGE + "…(5000 chars)".length());
  }
}
