package dev.esm.core.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.RetryConfig;
import dev.esm.core.calls.CallCounter;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds Datadog's API client for ESM: where, which keys, timeouts, a retry rule, and counting. */
final class DatadogClients {

  private DatadogClients() {}

  static ApiClient newClient(DatadogSettings settings, RetryConfig retry, CallCounter counter) {
    ApiClient client = new ApiClient();
    client.setDebugging(false);
    URI apiUrl = settings.apiUrl();
    if (settings.baseUrl() != null) {
      // The templated server "{protocol}://{name}" takes any host, port and path prefix.
      String name = apiUrl.getRawAuthority() + (apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath());
      client.setServerIndex(1);
      client.setServerVariables(Map.of("protocol", apiUrl.getScheme(), "name", name));
    } else {
      client.setServerVariables(Map.of("site", settings.site()));
    }
    client.configureApiKeys(Map.of("apiKeyAuth", settings.apiKey(), "appKeyAuth", settings.appKey()));
    client.setConnectTimeout(millis(settings.connectTimeout()));
    client.setReadTimeout(millis(settings.readTimeout()));
    client.setRetry(retry);
    // The client looks X-RateLimit-Reset up by its lower-case name only; proxies and HTTP/1.1
    // servers may spell it otherwise, so the rate-limit headers are lower-cased on arrival.
    client.getHttpClient().register(new LowerCaseRateLimitHeaders());
    client.getHttpClient().register(new Counting(counter));
    return client;
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /**
   * Counts every request sent (the client's retries too) and every answer of 400 or more. A
   * request that gets no answer at all is counted as an error by the adapter, which sees the
   * exception.
   */
  private static final class Counting implements ClientRequestFilter, ClientResponseFilter {
    private final CallCounter counter;

    Counting(CallCounter counter) {
      this.counter = counter;
    }

    @Override
    public void filter(ClientRequestContext request) {
      counter.call();
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
      if (response.getStatus() >= 400) {
        counter.error();
      }
    }
  }

  private static final class LowerCaseRateLimitHeaders implements ClientResponseFilter {
    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
      MultivaluedMap<String, String> headers = response.getHeaders();
      for (String name : List.copyOf(headers.keySet())) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-ratelimit-") && !lower.equals(name)) {
          List<String> values = headers.remove(name);
          headers.put(lower, values);
        }
      }
    }
  }
}
