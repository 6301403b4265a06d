package com.acme.orders;

import com.acme.events.orders.OrderPlaced;
import java.util.function.Supplier;

public class UnrelatedBuilders {

  static Object newBuilder() {
    return new StringBuilder();
  }

  Object others(java.net.http.HttpRequest request) {
    Object a = java.net.http.HttpRequest.newBuilder();
    Object b = newBuilder();
    OrderPlaced.Builder c = null;
    Object schema = OrderPlaced.getClassSchema();
    Supplier<OrderPlaced.Builder> reference = OrderPlaced::newBuilder;
    return a.toString() + b + c + schema + reference;
  }
}
