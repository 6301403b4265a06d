package com.acme.shop.telemetry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transport of the demo: logs what would go to the pipeline. */
public final class LoggingTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingTransport.class);

  @Override
  public void send(Message message) {
    LOG.info("sent {} ({} bytes) to {} with key {}", message.schemaName(), message.payload().length, message.topic(),
        message.key());
  }
}
