package com.acme.events.orders;

/** What Avro's compiler writes (shortened): its own builders are not a service emitting the event. */
@org.apache.avro.specific.AvroGenerated
public class OrderShipped {
  public static Builder newBuilder() {
    return new Builder();
  }

  public static class Builder {
    public OrderShipped build() {
      return new OrderShipped();
    }
  }
}
