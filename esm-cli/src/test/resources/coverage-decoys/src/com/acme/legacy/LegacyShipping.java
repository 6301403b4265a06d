package com.acme.legacy;

import com.acme.events.orders.*;

/** A type of the same package wins over an on-demand import: these build the legacy class. */
public class LegacyShipping {
  Object ship() {
    OrderShipped.newBuilder();
    return new OrderShipped();
  }

  Object cancel(String id) {
    return OrderCancelled.newBuilder().setId(id).build();
  }
}
