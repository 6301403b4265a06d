package dev.esm.webhook;

import java.time.Duration;

/**
 * How long and how many: what keeps slow or idle clients from holding the HTTP server. A
 * delivery's body must arrive whole within {@code bodyDeadline} (GitHub sends it at once); a
 * connection silent for {@code idleTimeout} is closed; at most {@code maxConnections} are open at
 * once (more wait to be accepted).
 */
record HttpLimits(Duration idleTimeout, Duration bodyDeadline, int maxConnections) {

  static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(15), Duration.ofSeconds(10), 1000);
}
