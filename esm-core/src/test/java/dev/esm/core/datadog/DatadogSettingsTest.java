package dev.esm.core.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.diagnostic.EsmException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatadogSettingsTest {

  @Test
  void readsKeysSiteAndCustomUrlFromTheEnvironment() {
    DatadogSettings settings =
        DatadogSettings.fromEnvironment(
            Map.of("DD_API_KEY", "k", "DD_APP_KEY", "a", "DD_SITE", "us3.datadoghq.com", "ESM_DATADOG_URL", "http://127.0.0.1:8089/"));

    assertThat(settings.site()).isEqualTo("us3.datadoghq.com");
    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    assertThat(settings.appUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
  }

  @Test
  void defaultsToTheUsSite() {
    DatadogSettings settings = DatadogSettings.fromEnvironment(Map.of("DD_API_KEY", "k", "DD_APP_KEY", "a"));

    assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
    assertThat(settings.appUrl()).isEqualTo(URI.create("https://app.datadoghq.com"));
  }

  @Test
  void linksRegionalSitesToTheirOwnWebApp() {
    assertThat(site("datadoghq.eu").appUrl()).isEqualTo(URI.create("https://app.datadoghq.eu"));
    assertThat(site("us3.datadoghq.com").appUrl()).isEqualTo(URI.create("https://us3.datadoghq.com"));
    assertThat(site("ap1.datadoghq.com").appUrl()).isEqualTo(URI.create("https://ap1.datadoghq.com"));
    assertThat(site("ddog-gov.com").appUrl()).isEqualTo(URI.create("https://app.ddog-gov.com"));
  }

  @Test
  void refusesMissingKeysAsAUsageError() {
    assertThatThrownBy(() -> DatadogSettings.fromEnvironment(Map.of("DD_APP_KEY", "a")))
        .isInstanceOfSatisfying(EsmException.class, e -> assertThat(e.kind()).isEqualTo(EsmException.Kind.USAGE))
        .hasMessageStartingWith("DD_API_KEY is not set");
    assertThatThrownBy(() -> DatadogSettings.fromEnvironment(Map.of("DD_API_KEY", "k")))
        .hasMessageStartingWith("DD_APP_KEY is not set");
  }

  @Test
  void refusesASiteThatIsNotDatadogs() {
    assertThatThrownBy(() -> site("evil.example.com"))
        .isInstanceOfSatisfying(EsmException.class, e -> assertThat(e.kind()).isEqualTo(EsmException.Kind.USAGE))
        .hasMessageContaining("DD_SITE 'evil.example.com' is not a Datadog site");
  }

  @Test
  void refusesACustomUrlThatIsNotOne() {
    assertThatThrownBy(
            () -> DatadogSettings.fromEnvironment(Map.of("DD_API_KEY", "k", "DD_APP_KEY", "a", "ESM_DATADOG_URL", "127.0.0.1:8089")))
        .isInstanceOfSatisfying(EsmException.class, e -> assertThat(e.kind()).isEqualTo(EsmException.Kind.USAGE))
        .hasMessageContaining("ESM_DATADOG_URL");
  }

  @Test
  void neverShowsTheKeys() {
    DatadogSettings settings =
        DatadogSettings.fromEnvironment(Map.of("DD_API_KEY", "secret-api-1234", "DD_APP_KEY", "secret-app-5678"));

    assertThat(settings.toString()).doesNotContain("secret-api-1234").doesNotContain("secret-app-5678").contains("***");
  }

  private static DatadogSettings site(String site) {
    return DatadogSettings.fromEnvironment(Map.of("DD_API_KEY", "k", "DD_APP_KEY", "a", "DD_SITE", site));
  }

  @Test
  void acceptsTheTerraformProvidersNamesForTheKeys() {
    DatadogSettings settings = DatadogSettings.fromEnvironment(java.util.Map.of("DATADOG_API_KEY", "api", "DATADOG_APP_KEY", "app"));

    org.assertj.core.api.Assertions.assertThat(settings.apiKey()).isEqualTo("api");
    org.assertj.core.api.Assertions.assertThat(settings.appKey()).isEqualTo("app");
  }
}
