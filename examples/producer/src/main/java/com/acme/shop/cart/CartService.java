package com.acme.shop.cart;

import com.acme.events.cart.AddToCartEvent;
import com.acme.events.cart.CartItem;
import com.acme.events.cart.CheckoutStartedEvent;
import com.acme.events.cart.RemoveFromCartEvent;
import com.acme.events.common.ClientContext;
import com.acme.events.common.Money;
import com.acme.shop.telemetry.EventPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Learners' carts: add and remove courses, start the checkout. */
public final class CartService {

  private final EventPublisher events;
  private final Clock clock;
  private final Map<String, Map<String, CartItem>> carts = new LinkedHashMap<>();

  public CartService(EventPublisher events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void add(String userId, String cartId, String courseId, Money listPrice, String source, ClientContext client) {
    CartItem item = CartItem.newBuilder().setCourseId(courseId).setListPrice(listPrice).build();
    carts.computeIfAbsent(cartId, k -> new LinkedHashMap<>()).put(courseId, item);
    events.publish(userId, AddToCartEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setCartId(cartId)
        .setItem(item)
        .setSource(source)
        .setClient(client)
        .build());
  }

  public void remove(String userId, String cartId, String courseId, ClientContext client) {
    if (carts.getOrDefault(cartId, Map.of()).remove(courseId) != null) {
      events.publish(userId, new RemoveFromCartEvent(UUID.randomUUID(), clock.instant(), userId, cartId, courseId, client));
    }
  }

  /** Returns the items to pay for. */
  public List<CartItem> startCheckout(String userId, String cartId, ClientContext client) {
    List<CartItem> items = new ArrayList<>(carts.getOrDefault(cartId, Map.of()).values());
    long subtotal = items.stream().mapToLong(i -> i.getListPrice().getAmountMinor()).sum();
    events.publish(userId, CheckoutStartedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setCartId(cartId)
        .setItems(items)
        .setSubtotal(Money.newBuilder().setAmountMinor(subtotal).setCurrency("USD").build())
        .setClient(client)
        .build());
    return items;
  }
}
