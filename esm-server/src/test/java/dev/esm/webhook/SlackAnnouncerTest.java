package dev.esm.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.esm.github.ChangedFile;
import dev.esm.github.PullRequestSnapshot;
import dev.esm.core.plan.Action;
import dev.esm.webhook.CommandResult.Row;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackAnnouncerTest {

  WireMockServer slack;

  @BeforeEach
  void start() {
    slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    slack.start();
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  static final PullRequestSnapshot PULL_REQUEST = new PullRequestSnapshot("acme/event-schemas", 42,
      URI.create("https://github.com/acme/event-schemas/pull/42"), "1111111", "2222222", "main",
      URI.create("https://github.com/acme/event-schemas"), "alice", Path.of("base"), Path.of("head"),
      List.of(new ChangedFile(ChangedFile.Status.MODIFIED, "schemas/cart.avdl", null)));

  static final CommandResult RESULT = CommandResult.completed(List.of(
      Row.of(Action.CREATE, "Traffic Anomaly with AddToCartEvent", "AddToCartEvent", URI.create("https://app.datadoghq.com/monitors/7")),
      Row.of(Action.UNCHANGED, "No Traffic with AddToCartEvent", "AddToCartEvent", URI.create("https://app.datadoghq.com/monitors/8")),
      Row.of(Action.DELETE, "Traffic Drop with OldEvent", "OldEvent", null)),
      "Apply complete: 1 created, 0 updated, 1 deleted, 1 unchanged.");

  @Test
  void saysWhoRegisteredWhatFromWhichPullRequestAndWhatChanged() {
    slack.stubFor(post("/services/T0/B0/x").willReturn(ok()));

    new SlackAnnouncer(URI.create(slack.baseUrl() + "/services/T0/B0/x")).announce(PULL_REQUEST, RESULT);

    slack.verify(postRequestedFor(urlEqualTo("/services/T0/B0/x")).withRequestBody(equalToJson("{\"text\": \""
        + "*alice* registered monitors from <https://github.com/acme/event-schemas/pull/42|acme/event-schemas#42>: "
        + "Apply complete: 1 created, 0 updated, 1 deleted, 1 unchanged.\\n"
        + "• created: <https://app.datadoghq.com/monitors/7|Traffic Anomaly with AddToCartEvent>\\n"
        + "• deleted: Traffic Drop with OldEvent\"}")));
  }

  @Test
  void neverFailsTheRegistrationWhenSlackFails() {
    slack.stubFor(post("/hook").willReturn(serverError()));

    assertThatCode(() -> new SlackAnnouncer(URI.create(slack.baseUrl() + "/hook")).announce(PULL_REQUEST, RESULT))
        .doesNotThrowAnyException();
    slack.verify(postRequestedFor(urlEqualTo("/hook")));
  }
}
