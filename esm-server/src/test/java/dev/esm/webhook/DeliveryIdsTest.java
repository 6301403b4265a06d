package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryIdsTest {

  @Test
  void remembersTheLatestIdsWithinItsCapacity() {
    DeliveryIds ids = new DeliveryIds(3);

    assertThat(ids.firstTime("a")).isTrue();
    assertThat(ids.firstTime("a")).isFalse();
    ids.firstTime("b");
    ids.firstTime("c");
    ids.firstTime("d"); // forgets "a", the oldest

    assertThat(ids.firstTime("d")).isFalse();
    assertThat(ids.firstTime("b")).isFalse();
    assertThat(ids.firstTime("a")).isTrue();
  }
}
