package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void masksTheSecretsOfTheEnvironmentAndWhatLooksLikeATokenOrAKey() {
    SecretMasker masker = SecretMasker.fromEnvironment(Map.of(
        "DD_API_KEY", "0123456789abcdef0123456789abcdef",
        "ESM_WEBHOOK_SECRET", "It's a Secret to Everybody",
        "PAGERDUTY_ROUTING_KEY", "R0UT1NGKEYVALUE",
        "ESM_PORT", "8080",
        "HOME", "/home/esm"));

    String masked = masker.mask("key 0123456789abcdef0123456789abcdef, secret It's a Secret to Everybody, routing R0UT1NGKEYVALUE, "
        + "token ghp_abcdefghijklmnopqrstuvwxyz0123456789, hook https://hooks.slack.com/services/T000/B000/XXXX, "
        + "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- port 8080 home /home/esm");

    assertThat(masked).isEqualTo("key [secret], secret [secret], routing [secret], token [secret], hook [secret], [secret] "
        + "port 8080 home /home/esm");
  }

  @Test
  void leavesShortValuesAloneSoThatOrdinaryWordsSurvive() {
    assertThat(SecretMasker.of(List.of("prod", "")).mask("esm-prod")).isEqualTo("esm-prod");
    assertThat(SecretMasker.NONE.mask(null)).isNull();
  }
}
