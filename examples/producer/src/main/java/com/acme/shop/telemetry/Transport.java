package com.acme.shop.telemetry;

/** Where encoded events go: the event-tracking pipeline's intake (a Kafka topic in production). */
public interface Transport {

  /**
   * One encoded event.
   *
   * @param schemaName the record's full Avro name, sent as a message header so that the pipeline
   *     picks the schema to decode with
   */
  record Message(String topic, String key, String schemaName, byte[] payload) {}

  void send(Message message);
}
