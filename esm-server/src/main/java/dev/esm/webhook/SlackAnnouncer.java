package dev.esm.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.core.plan.Action;
import dev.esm.webhook.CommandResult.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces registrations in a chat channel through a Slack incoming webhook: who registered
 * what, from which pull request, and what changed. A failed announcement is logged, never fatal.
 */
public final class SlackAnnouncer {

  private static final Logger LOG = LoggerFactory.getLogger(SlackAnnouncer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI webhookUrl;
  private final SecretMasker secrets;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public SlackAnnouncer(URI webhookUrl) {
    this(webhookUrl, SecretMasker.NONE);
  }

  /** Every announcement passes through {@code secrets} first. */
  public SlackAnnouncer(URI webhookUrl, SecretMasker secrets) {
    this.webhookUrl = webhookUrl;
    this.secrets = secrets;
  }

  public void announce(PullRequestSnapshot pullRequest, CommandResult result) {
    post(text(pullRequest, result), pullRequest.repository() + "#" + pullRequest.number());
  }

  /** Posts {@code text} to the channel; {@code about} names it in the log when that fails. */
  public void post(String text, String about) {
    try {
      String body = JSON.writeValueAsString(Map.of("text", secrets.mask(text)));
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhookUrl)
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        LOG.warn("Slack announcement of {} answered {}", about, response.statusCode());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Slack announcement of {} failed: {}", about, e.getClass().getSimpleName()); // the message may quote the URL
    }
  }

  static String text(PullRequestSnapshot pullRequest, CommandResult result) {
    String changes = result.rows().stream()
        .filter(r -> r.action() != Action.UNCHANGED)
        .map(SlackAnnouncer::line)
        .collect(Collectors.joining("\n"));
    return "*" + pullRequest.commenter() + "* registered monitors from <" + pullRequest.url() + "|" + pullRequest.repository()
        + "#" + pullRequest.number() + ">: " + result.summary() + (changes.isEmpty() ? "" : "\n" + changes);
  }

  private static String line(Row row) {
    String verb = switch (row.action()) {
      case CREATE -> "created";
      case UPDATE -> "updated";
      case DELETE -> "deleted";
      case FAILED -> "failed";
      case BLOCKED -> "blocked";
      case UNCHANGED -> "unchanged";
    };
    String name = row.datadogUrl() == null ? row.monitorName() : "<" + row.datadogUrl() + "|" + row.monitorName() + ">";
    return "• " + verb + ": " + name;
  }
}
