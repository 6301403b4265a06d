package dev.esm.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code X-GitHub-Delivery} IDs seen lately; remembers at most {@code capacity}, oldest forgotten first. */
final class DeliveryIds {

  private final Map<String, Boolean> seen;

  DeliveryIds(int capacity) {
    this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Records the ID; false when it was seen before. */
  synchronized boolean firstTime(String deliveryId) {
    return seen.putIfAbsent(deliveryId, Boolean.TRUE) == null;
  }

  /** Forgets the ID, for a delivery that was recorded but then not accepted. */
  synchronized void forget(String deliveryId) {
    seen.remove(deliveryId);
  }
}
