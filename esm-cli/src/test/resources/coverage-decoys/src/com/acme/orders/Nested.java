package com.acme.orders;

import com.acme.events.orders.OrderPlaced;
import com.acme.events.orders.OrderShipped;

/** A member class hides the imported one inside the class that declares it. */
public class Nested {

  static class OrderShipped {
    static OrderShipped newBuilder() {
      return new OrderShipped();
    }
  }

  Object ship() {
    return OrderShipped.newBuilder();
  }

  static class Deeper {
    Object ship() {
      return new OrderShipped();
    }

    Object place() {
      return new OrderPlaced();
    }
  }

  <OrderPlaced> Object generic(OrderPlaced value) {
    return value;
  }
}
