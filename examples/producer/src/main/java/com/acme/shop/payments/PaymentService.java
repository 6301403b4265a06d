package com.acme.shop.payments;

import com.acme.events.cart.CartItem;
import com.acme.events.common.Money;
import com.acme.events.payments.PaymentAuthorizedEvent;
import com.acme.events.payments.PaymentFailedEvent;
import com.acme.events.payments.PaymentMethod;
import com.acme.events.payments.RefundIssuedEvent;
import com.acme.shop.telemetry.EventPublisher;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Pays for orders through the payment provider, and refunds them. */
public final class PaymentService {

  /** What the provider answered. */
  public record ProviderAnswer(boolean authorized, String failureCode, String failureMessage, boolean retryable) {}

  private final EventPublisher events;
  private final Clock clock;
  private final String provider;

  public PaymentService(EventPublisher events, Clock clock, String provider) {
    this.events = events;
    this.clock = clock;
    this.provider = provider;
  }

  /** Returns the payment's id. */
  public UUID pay(String userId, String orderId, List<CartItem> items, PaymentMethod method, ProviderAnswer answer) {
    UUID paymentId = UUID.randomUUID();
    Money total = Money.newBuilder()
        .setAmountMinor(items.stream().mapToLong(i -> i.getListPrice().getAmountMinor()).sum())
        .setCurrency("USD")
        .build();
    if (answer.authorized()) {
      events.publish(orderId, PaymentAuthorizedEvent.newBuilder()
          .setEventId(UUID.randomUUID())
          .setOccurredAt(clock.instant())
          .setPaymentId(paymentId)
          .setUserId(userId)
          .setOrderId(orderId)
          .setItems(items)
          .setTotal(total)
          .setMethod(method)
          .setProvider(provider)
          .build());
    } else {
      PaymentFailedEvent failed = PaymentFailedEvent.newBuilder()
          .setEventId(UUID.randomUUID())
          .setOccurredAt(clock.instant())
          .setPaymentId(paymentId)
          .setUserId(userId)
          .setOrderId(orderId)
          .setTotal(total)
          .setMethod(method)
          .setProvider(provider)
          .setFailureCode(answer.failureCode())
          .setFailureMessage(answer.failureMessage())
          .setRetryable(answer.retryable())
          .build();
      events.publish(orderId, failed);
    }
    return paymentId;
  }

  public void refund(UUID paymentId, Money amount, String reason, String issuedBy) {
    RefundIssuedEvent refund = RefundIssuedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setPaymentId(paymentId)
        .setRefundId(UUID.randomUUID())
        .setAmount(amount)
        .setReason(reason)
        .build();
    // A refund issued by support names the agent: the same event, copied with one more field.
    events.publish(paymentId.toString(),
        issuedBy == null ? refund : RefundIssuedEvent.newBuilder(refund).setIssuedBy(issuedBy).build());
  }
}
