package com.acme.orders;

import com.acme.events.orders.OrderPlaced;
import com.acme.events.orders.OrderShipped;

public class Variables {

  interface Factory {
    Object newBuilder();
  }

  Object variableHidesTheType(Factory OrderShipped) {
    return OrderShipped.newBuilder();
  }

  Object local() {
    var builder = OrderPlaced.newBuilder();
    var event = builder.setId("o-1").build();
    Factory OrderPlaced = () -> null;
    OrderPlaced.newBuilder();
    return event;
  }
}
