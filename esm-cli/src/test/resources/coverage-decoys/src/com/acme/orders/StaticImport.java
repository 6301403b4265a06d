package com.acme.orders;

import static com.acme.events.orders.OrderCancelled.newBuilder;

public class StaticImport {
  Object cancel(String id) {
    return newBuilder().setId(id).build();
  }
}
