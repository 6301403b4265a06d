package dev.esm.webhook;

import dev.esm.github.HookDeliveries;
import dev.esm.store.CommandStore;
import dev.esm.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches back the deliveries GitHub could not hand over (GitHub's recommended pattern, as a
 * GitHub App): at start and every {@code github.recover_interval}, reads the App's delivery list
 * back to the last attempt seen (at most 3 days), and asks GitHub once to redeliver each delivery
 * of an event ESM acts on that has no 2xx attempt and whose delivery ID ESM has not accepted.
 *
 * <p>The request is recorded in the database before it is sent: no restart and no other replica
 * asks for the same delivery again. The position read up to is kept there too.
 */
final class DeliveryRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecovery.class);
  /** GitHub keeps deliveries 3 days, and redelivers none older. */
  static final Duration WINDOW = Duration.ofDays(3);
  /** Read again behind the last position: an attempt may be listed a little after a later one. */
  static final Duration OVERLAP = Duration.ofMinutes(5);
  /** The {@code pull_request} actions ESM may act on (what it acts on is decided again when the delivery comes back). */
  static final Set<String> PULL_REQUEST_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review", "closed");

  private final HookDeliveries deliveries;
  private final CommandStore store;
  private final Clock clock;
  private ScheduledExecutorService timer;

  DeliveryRecovery(HookDeliveries deliveries, CommandStore store, Clock clock) {
    this.deliveries = deliveries;
    this.store = store;
    this.clock = clock;
  }

  /** What one round did. */
  record Round(int listed, List<String> asked) {}

  /** Reads the delivery list and asks for what was missed; throws when GitHub or the database cannot be read. */
  Round round() throws IOException {
    long position = store.recoveryPosition();
    Instant now = clock.instant();
    Instant since = Instant.ofEpochMilli(Math.max(now.minus(WINDOW).toEpochMilli(), position - OVERLAP.toMillis()));
    Map<String, List<HookDeliveries.Delivery>> attempts = new LinkedHashMap<>();
    long newest = position;
    int listed = 0;
    String cursor = null;
    boolean more = true;
    while (more) {
      HookDeliveries.Page page = deliveries.page(cursor);
      for (HookDeliveries.Delivery attempt : page.deliveries()) {
        if (attempt.deliveredAt().isBefore(since)) { // newest first: the rest is older still
          more = false;
          break;
        }
        listed++;
        newest = Math.max(newest, attempt.deliveredAt().toEpochMilli());
        attempts.computeIfAbsent(attempt.guid(), g -> new ArrayList<>()).add(attempt);
      }
      cursor = page.nextCursor();
      more = more && cursor != null;
    }
    List<String> asked = new ArrayList<>();
    boolean refused = false;
    for (Map.Entry<String, List<HookDeliveries.Delivery>> entry : attempts.entrySet()) {
      String guid = entry.getKey();
      HookDeliveries.Delivery latest = entry.getValue().get(0);
      if (entry.getValue().stream().anyMatch(HookDeliveries.Delivery::succeeded) || !actedOn(latest)
          || store.seen(guid) || !store.askRedelivery(guid)) {
        continue;
      }
      try {
        deliveries.redeliver(latest.id());
        asked.add(guid);
        LOG.info("asked GitHub to redeliver delivery {} ({} {}), which the service missed", LogText.deliveryId(guid),
            latest.event(), latest.action());
      } catch (IOException e) {
        store.forgetRedelivery(guid); // asked again next round
        refused = true;
        LOG.warn("GitHub did not take the redelivery request for delivery {}: {}", LogText.deliveryId(guid), e.getMessage());
      }
    }
    if (!refused) {
      store.recoveryPosition(newest);
    }
    return new Round(listed, List.copyOf(asked));
  }

  private static boolean actedOn(HookDeliveries.Delivery delivery) {
    return switch (delivery.event()) {
      case "issue_comment" -> "created".equals(delivery.action());
      case "pull_request" -> PULL_REQUEST_ACTIONS.contains(delivery.action());
      default -> false;
    };
  }

  /** A round now (on a background thread), then one every {@code interval}. */
  synchronized void start(Duration interval) {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "esm-delivery-recovery");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::quietRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("missed deliveries are fetched back from GitHub now and every {}", interval);
  }

  private void quietRound() {
    try {
      Round round = round();
      LOG.debug("delivery recovery: {} attempt(s) listed, {} redelivery request(s)", round.listed(), round.asked().size());
    } catch (IOException | StoreException e) {
      LOG.warn("missed deliveries not fetched back this round: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("missed deliveries not fetched back this round", e);
    }
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
