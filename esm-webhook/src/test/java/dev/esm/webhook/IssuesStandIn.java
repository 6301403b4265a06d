package dev.esm.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for GitHub's issues of one repository, as a WireMock extension: list
 * (newest first), create, read, edit (body, state) and comment, answering what github-api reads.
 */
public final class IssuesStandIn implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "issues-stand-in";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ONE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)(/comments)?");

  private final String login;
  private final Map<Integer, ObjectNode> issues = new TreeMap<>();
  private final List<String> comments = new ArrayList<>();
  private String baseUrl;

  public IssuesStandIn(String login) {
    this.login = login;
  }

  public void baseUrl(String url) {
    this.baseUrl = url;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  public synchronized List<JsonNode> issues() {
    return issues.values().stream().map(i -> (JsonNode) i.deepCopy()).toList();
  }

  /** The comments posted, as "#number: text". */
  synchronized List<String> comments() {
    return List.copyOf(comments);
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    String method = event.getRequest().getMethod().getName();
    String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
    try {
      Matcher one = ONE.matcher(path);
      if (one.matches()) {
        ObjectNode issue = issues.get(Integer.parseInt(one.group(2)));
        if (issue == null) {
          return answer(404, JSON.createObjectNode().put("message", "Not Found"));
        }
        if (one.group(3) != null && method.equals("POST")) {
          String text = JSON.readTree(event.getRequest().getBodyAsString()).path("body").asText();
          comments.add("#" + one.group(2) + ": " + text);
          return answer(201, JSON.createObjectNode().put("id", 5000 + comments.size()).put("body", text));
        }
        if (method.equals("PATCH")) {
          JsonNode change = JSON.readTree(event.getRequest().getBodyAsString());
          change.fields().forEachRemaining(f -> issue.set(f.getKey(), f.getValue()));
        }
        return answer(200, issue);
      }
      if (method.equals("POST")) {
        JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
        int number = issues.size() + 1;
        String repo = path.substring("/repos/".length(), path.length() - "/issues".length());
        ObjectNode issue = JSON.createObjectNode();
        issue.put("id", 700 + number);
        issue.put("number", number);
        issue.put("title", request.path("title").asText());
        issue.put("body", request.path("body").asText());
        issue.put("state", "open");
        issue.put("url", baseUrl + "/repos/" + repo + "/issues/" + number);
        issue.put("html_url", "https://github.com/" + repo + "/issues/" + number);
        issue.set("user", JSON.createObjectNode().put("login", login).put("id", 1).put("type", "User"));
        issues.put(number, issue);
        return answer(201, issue);
      }
      ArrayNode all = JSON.createArrayNode();
      List<ObjectNode> newestFirst = new ArrayList<>(issues.values());
      java.util.Collections.reverse(newestFirst);
      newestFirst.forEach(all::add);
      return answer(200, all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResponseDefinition answer(int status, JsonNode body) {
    return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(body.toString()).build();
  }
}
