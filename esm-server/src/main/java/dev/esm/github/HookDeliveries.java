package dev.esm.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * A GitHub App's webhook deliveries ({@code GET /app/hook/deliveries}, newest first, a page at a
 * time) and the one write that is about no pull request: asking GitHub to deliver one again
 * ({@code POST /app/hook/deliveries/{id}/attempts}). Both authenticate as the App (its JWT) and
 * go through the counting connector.
 */
public final class HookDeliveries {

  /** GitHub's largest page. */
  public static final int PAGE_SIZE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");
  private static final Pattern CURSOR = Pattern.compile("[?&]cursor=([^&]*)");

  /** The App's authorization header, a fresh JWT when the last one is about to expire. */
  @FunctionalInterface
  interface Authorization {
    String header() throws IOException;
  }

  /**
   * One attempt to deliver: GitHub lists each attempt (a redelivery too) with the delivery's GUID.
   *
   * @param id the attempt's id, what a redelivery request names
   * @param guid the delivery's GUID, sent as {@code X-GitHub-Delivery}
   * @param statusCode the answer the attempt got; 0 when it got none (timed out, refused)
   */
  public record Delivery(long id, String guid, Instant deliveredAt, int statusCode, String event, String action) {

    /** True when the service answered it with a 2xx. */
    public boolean succeeded() {
      return statusCode >= 200 && statusCode < 300;
    }
  }

  /** One page of deliveries, newest first, and the cursor of the next (null on the last). */
  public record Page(List<Delivery> deliveries, String nextCursor) {
    public Page {
      deliveries = List.copyOf(deliveries);
    }
  }

  private final String apiUrl;
  private final GitHubConnector connector;
  private final Authorization authorization;

  HookDeliveries(String apiUrl, GitHubConnector connector, Authorization authorization) {
    this.apiUrl = apiUrl;
    this.connector = connector;
    this.authorization = authorization;
  }

  /** The page at {@code cursor}, or the newest page when it is null. */
  public Page page(String cursor) throws IOException {
    String path = "/app/hook/deliveries?per_page=" + PAGE_SIZE
        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    URL url = new URL(apiUrl + path);
    try (GitHubConnectorResponse response = connector.send(
        new GitHubClients.RawRequest("GET", url, authorization.header()))) {
      failUnlessSuccess(response, "GET /app/hook/deliveries", url);
      JsonNode body;
      try (InputStream in = response.bodyStream()) {
        body = JSON.readTree(in);
      }
      List<Delivery> deliveries = new ArrayList<>();
      for (JsonNode node : body) {
        Delivery delivery = delivery(node);
        if (delivery != null) {
          deliveries.add(delivery);
        }
      }
      return new Page(deliveries, nextCursor(response.header("Link")));
    }
  }

  /** Asks GitHub to send the attempt {@code id}'s delivery again (GitHub answers 202 and sends it soon after). */
  public void redeliver(long id) throws IOException {
    String path = "/app/hook/deliveries/" + id + "/attempts";
    URL url = new URL(apiUrl + path);
    try (GitHubConnectorResponse response = connector.send(
        new GitHubClients.RawRequest("POST", url, authorization.header()))) {
      failUnlessSuccess(response, "POST " + path, url);
    }
  }

  private static void failUnlessSuccess(GitHubConnectorResponse response, String what, URL url) throws HttpException {
    if (response.statusCode() >= 300) {
      throw new HttpException(what + " answered " + response.statusCode(), response.statusCode(),
          String.valueOf(response.statusCode()), url.toString());
    }
  }

  /** A listed attempt, or null when GitHub's entry lacks what recovery needs. */
  private static Delivery delivery(JsonNode node) {
    if (!node.path("id").canConvertToLong() || !node.path("guid").isTextual() || !node.path("delivered_at").isTextual()) {
      return null;
    }
    Instant at;
    try {
      at = Instant.parse(node.path("delivered_at").asText());
    } catch (DateTimeParseException e) {
      return null;
    }
    return new Delivery(node.path("id").asLong(), node.path("guid").asText(), at, node.path("status_code").asInt(0),
        node.path("event").asText(""), node.path("action").isTextual() ? node.path("action").asText() : "");
  }

  /** The {@code cursor} of the {@code rel="next"} link, or null on the last page. */
  static String nextCursor(String link) {
    if (link == null) {
      return null;
    }
    Matcher next = NEXT.matcher(link);
    if (!next.find()) {
      return null;
    }
    Matcher cursor = CURSOR.matcher(next.group(1));
    return cursor.find() ? URLDecoder.decode(cursor.group(1), StandardCharsets.UTF_8) : null;
  }
}
