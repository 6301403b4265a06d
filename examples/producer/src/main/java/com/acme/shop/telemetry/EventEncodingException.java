package com.acme.shop.telemetry;

/** An event could not be encoded with its schema; it was counted as a serialization error and not sent. */
public final class EventEncodingException extends RuntimeException {

  private final transient Object event;

  EventEncodingException(Object event, Throwable cause) {
    super("could not encode " + event.getClass().getName() + ": " + cause, cause);
    this.event = event;
  }

  public Object event() {
    return event;
  }
}
