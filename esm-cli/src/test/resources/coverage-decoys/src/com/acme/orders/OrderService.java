package com.acme.orders;

import com.acme.events.orders.LineItem;
import com.acme.events.orders.OrderPlaced;
import com.acme.events.orders.OrderShipped;

/**
 * Places orders. The javadoc mentions OrderShipped.newBuilder() and new OrderShipped(): not sites.
 */
public class OrderService {

  // OrderShipped.newBuilder() in a line comment is not a site either.
  private static final String HINT = "call OrderShipped.newBuilder() or new OrderShipped() later";

  private OrderShipped lastShipped;

  public Object place(String id) {
    OrderPlaced first = new OrderPlaced(id, new LineItem("sku-1"));
    OrderPlaced second =
        OrderPlaced
            .newBuilder()
            .setId(id)
            .build();
    return first.equals(second) ? first : second;
  }

  public boolean isShipped(Object event) {
    return event instanceof OrderShipped shipped && shipped.equals(lastShipped);
  }

  public Class<?> shippedType() {
    return OrderShipped.class;
  }

  /** An inner class sees the file's imports. */
  class Replay {
    Object again(OrderPlaced placed) {
      return OrderPlaced.newBuilder(placed).build();
    }
  }
}
