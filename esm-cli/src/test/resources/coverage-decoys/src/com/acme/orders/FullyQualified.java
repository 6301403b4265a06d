package com.acme.orders;

public class FullyQualified {
  Object cancel(com.acme.events.orders.OrderCancelled other) {
    return com.acme.events.orders.OrderCancelled.newBuilder(other).build();
  }

  Object legacy() {
    return new com.acme.legacy.OrderShipped();
  }
}
