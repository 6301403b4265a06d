package com.acme.legacy;

/** The old system's class: same simple name as the event, another package. */
public class OrderShipped {
  public static OrderShipped newBuilder() {
    return new OrderShipped();
  }
}
