package dev.esm.core.datadog;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.diagnostic.EsmException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach Datadog: credentials, site or custom base URL, timeouts and retries.
 *
 * <p>The keys never appear in {@link #toString()}, in messages or in exceptions.
 *
 * @param apiKey {@code DD_API_KEY}
 * @param appKey {@code DD_APP_KEY}
 * @param site {@code DD_SITE}, one of Datadog's own sites ({@code datadoghq.com} by default)
 * @param baseUrl {@code ESM_DATADOG_URL}: replaces the site's API and web URLs; null for none
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; a write that times out may have taken effect
 * @param maxRetries how many times a throttled (429) or failed (5xx) call is retried
 * @param retryUnit how long one second of the client's backoff lasts (1s; shorter in tests)
 */
public record DatadogSettings(
    String apiKey,
    String appKey,
    String site,
    URI baseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    Duration retryUnit) {

  public static final String DEFAULT_SITE = "datadoghq.com";

  /** Datadog's sites, as the client library knows them. */
  public static final List<String> SITES =
      List.of(
          "datadoghq.com",
          "us3.datadoghq.com",
          "us5.datadoghq.com",
          "ap1.datadoghq.com",
          "ap2.datadoghq.com",
          "datadoghq.eu",
          "ddog-gov.com");

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_RETRIES = 5;

  public DatadogSettings {
    if (apiKey == null || apiKey.isBlank()) {
      throw new EsmException(EsmException.Kind.USAGE, "DD_API_KEY is not set: Datadog needs an API key");
    }
    if (appKey == null || appKey.isBlank()) {
      throw new EsmException(
          EsmException.Kind.USAGE, "DD_APP_KEY is not set: Datadog needs an application key");
    }
    site = site == null || site.isBlank() ? DEFAULT_SITE : site.trim();
    if (!SITES.contains(site)) {
      throw new EsmException(
          EsmException.Kind.USAGE,
          "DD_SITE '" + site + "' is not a Datadog site; use one of " + String.join(", ", SITES));
    }
    if (baseUrl != null) {
      baseUrl = checkBaseUrl(baseUrl.toString());
    }
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT);
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    retryUnit = retryUnit == null || retryUnit.isNegative() ? Duration.ofSeconds(1) : retryUnit;
  }

  /**
   * Reads {@code DD_API_KEY}, {@code DD_APP_KEY}, {@code DD_SITE} and {@code ESM_DATADOG_URL};
   * like Datadog's Terraform provider, {@code DATADOG_API_KEY} and {@code DATADOG_APP_KEY} stand in
   * for the {@code DD_} names when those are not set.
   */
  public static DatadogSettings fromEnvironment(Map<String, String> env) {
    String url = blankToNull(env.get("ESM_DATADOG_URL"));
    return new DatadogSettings(
        firstSet(env, "DD_API_KEY", "DATADOG_API_KEY"),
        firstSet(env, "DD_APP_KEY", "DATADOG_APP_KEY"),
        blankToNull(env.get("DD_SITE")),
        url == null ? null : checkBaseUrl(url),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_MAX_RETRIES,
        Duration.ofSeconds(1));
  }

  /** From the environment, with the configuration's timeout (connect and read) and retries. */
  public static DatadogSettings fromEnvironment(Map<String, String> env, EsmConfig.Datadog configured) {
    Duration timeout = Duration.ofSeconds(configured.timeoutSeconds());
    return fromEnvironment(env).withTimeouts(timeout, timeout).withRetries(configured.maxRetries(), Duration.ofSeconds(1));
  }

  private static String firstSet(Map<String, String> env, String name, String alternative) {
    String value = blankToNull(env.get(name));
    return value != null ? value : env.get(alternative);
  }

  public DatadogSettings withTimeouts(Duration connect, Duration read) {
    return new DatadogSettings(apiKey, appKey, site, baseUrl, connect, read, maxRetries, retryUnit);
  }

  public DatadogSettings withRetries(int retries, Duration unit) {
    return new DatadogSettings(apiKey, appKey, site, baseUrl, connectTimeout, readTimeout, retries, unit);
  }

  /** Where the API is: the custom base URL, else {@code https://api.<site>}. */
  public URI apiUrl() {
    return baseUrl != null ? baseUrl : URI.create("https://api." + site);
  }

  /** The web app's base URL, for links to monitors. */
  public URI appUrl() {
    if (baseUrl != null) {
      return baseUrl;
    }
    // US3, US5, AP1 and AP2 serve the app on the site's own name; US1, EU1 and gov on app.<site>.
    boolean regional = site.endsWith(".datadoghq.com");
    return URI.create("https://" + (regional ? site : "app." + site));
  }

  @Override
  public String toString() {
    return "DatadogSettings[apiKey=***, appKey=***, site="
        + site
        + ", baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxRetries="
        + maxRetries
        + ", retryUnit="
        + retryUnit
        + "]";
  }

  private static URI checkBaseUrl(String value) {
    String trimmed = value.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme();
      if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
        throw new URISyntaxException(trimmed, "not an http(s) URL with a host");
      }
      if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        throw new URISyntaxException(trimmed, "no user, query or fragment allowed");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new EsmException(
          EsmException.Kind.USAGE,
          "ESM_DATADOG_URL '" + value + "' is not a base URL like http://127.0.0.1:8089");
    }
  }

  private static Duration positive(Duration value, Duration fallback) {
    return value == null || value.isZero() || value.isNegative() ? fallback : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatadogSettings other
        && apiKey.equals(other.apiKey)
        && appKey.equals(other.appKey)
        && site.equals(other.site)
        && Objects.equals(baseUrl, other.baseUrl)
        && connectTimeout.equals(other.connectTimeout)
        && readTimeout.equals(other.readTimeout)
        && maxRetries == other.maxRetries
        && retryUnit.equals(other.retryUnit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(site, baseUrl, connectTimeout, readTimeout, maxRetries, retryUnit);
  }
}
