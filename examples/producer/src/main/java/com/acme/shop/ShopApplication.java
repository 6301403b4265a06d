package com.acme.shop;

import com.acme.events.catalog.DiscoverySource;
import com.acme.events.catalog.SearchFilter;
import com.acme.events.common.Money;
import com.acme.events.common.Platform;
import com.acme.events.identity.AuthMethod;
import com.acme.events.learning.LessonFormat;
import com.acme.events.learning.quiz.QuestionType;
import com.acme.events.learning.quiz.QuizAnswer;
import com.acme.events.learning.video.VideoQuality;
import com.acme.events.payments.PaymentMethod;
import com.acme.shop.cart.CartService;
import com.acme.shop.catalog.CatalogService;
import com.acme.shop.identity.AccountService;
import com.acme.shop.learning.LearningService;
import com.acme.shop.payments.PaymentService;
import com.acme.shop.telemetry.EventPublisher;
import com.acme.shop.telemetry.LoggingTransport;
import com.acme.shop.telemetry.StatsdRegistries;
import com.acme.shop.telemetry.TelemetrySettings;
import com.acme.shop.telemetry.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Acme Learning's shop service, wired together. {@code main} plays one learner's day against the
 * local Datadog agent: every event the shop knows is sent once.
 */
public final class ShopApplication {

  private final CatalogService catalog;
  private final AccountService accounts;
  private final CartService carts;
  private final PaymentService payments;
  private final LearningService learning;

  public ShopApplication(Transport transport, MeterRegistry registry, TelemetrySettings settings, Clock clock) {
    EventPublisher events = new EventPublisher(transport, registry, settings);
    this.catalog = new CatalogService(events, clock);
    this.accounts = new AccountService(events, clock);
    this.carts = new CartService(events, clock);
    this.payments = new PaymentService(events, clock, "stripe");
    this.learning = new LearningService(events, clock);
  }

  public static void main(String[] args) {
    TelemetrySettings settings = TelemetrySettings.load();
    var registry = StatsdRegistries.dogStatsd(settings);
    try {
      new ShopApplication(new LoggingTransport(), registry, settings, Clock.systemUTC()).learnersDay();
    } finally {
      registry.close();
    }
  }

  /** One learner finds a course, signs up, buys it, learns, and gets a refund for a second one. */
  public void learnersDay() {
    Clients web = new Clients(Platform.WEB, "2026.11.3", "en-US", "Mozilla/5.0", "US");
    String anonymousId = "anon-7f3a";
    catalog.search(null, anonymousId, "java for beginners",
        List.of(SearchFilter.newBuilder().setName("level").setValues(List.of("beginner")).build()), web.context());
    catalog.view(null, anonymousId, "java-101", DiscoverySource.SEARCH, web.context());

    String userId = accounts.signUp("ada@example.com", "correct horse", AuthMethod.PASSWORD, true, web.context());
    accounts.logIn("ada@example.com", "wrong horse", web.context());
    accounts.requestPasswordReset("ada@example.com", LocalDateTime.of(2026, 12, 2, 9, 30), web.context());
    accounts.logIn("ada@example.com", "correct horse", web.context());

    Money price = Money.newBuilder().setAmountMinor(4900).setCurrency("USD").build();
    carts.add(userId, "cart-1", "java-101", price, "search_results", web.context());
    carts.add(userId, "cart-1", "kotlin-201", price, "recommendations", web.context());
    carts.remove(userId, "cart-1", "kotlin-201", web.context());
    var items = carts.startCheckout(userId, "cart-1", web.context());
    payments.pay(userId, "order-1", items, PaymentMethod.CARD,
        new PaymentService.ProviderAnswer(false, "card_declined", "Insufficient funds", true));
    UUID paymentId = payments.pay(userId, "order-1", items, PaymentMethod.PAYPAL,
        new PaymentService.ProviderAnswer(true, null, null, false));

    learning.startLesson(userId, "java-101", "lesson-1", LessonFormat.VIDEO, 1, web.context());
    UUID session = learning.play(userId, "lesson-1", "video-1", web.context())
        .start(VideoQuality.Q1080P, Duration.ofMillis(850), null);
    learning.heartbeat(session, "video-1", Duration.ofSeconds(30), VideoQuality.Q1080P, 4200.0);
    learning.completeLesson(userId, "java-101", "lesson-1", LessonFormat.VIDEO, Duration.ofMinutes(12), false,
        web.context());
    learning.submitQuiz(userId, "java-101", "quiz-1", 1, List.of(
        QuizAnswer.newBuilder().setQuestionId("q1").setQuestionType(QuestionType.SINGLE_CHOICE)
            .setSelectedOptionIds(List.of("b")).setCorrect(true).setScore(1.0f).build(),
        QuizAnswer.newBuilder().setQuestionId("q2").setQuestionType(QuestionType.FREE_TEXT)
            .setFreeText("a class is a blueprint").setCorrect(false).build()),
        Duration.ofMinutes(4), web.context());

    catalog.changePrice("java-101", price, Money.newBuilder(price).setAmountMinor(3900).build(), "pricing-bot");
    payments.refund(paymentId, price, "duplicate_purchase", "support-agent-12");
  }
}
