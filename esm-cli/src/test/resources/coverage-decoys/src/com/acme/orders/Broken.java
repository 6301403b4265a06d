package com.acme.orders;

public class Broken {
  Object place() {
    return new com.acme.events.orders.OrderPlaced(;
  }
}
