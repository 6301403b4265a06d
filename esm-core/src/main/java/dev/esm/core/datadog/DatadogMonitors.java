package dev.esm.core.datadog;

import dev.esm.core.render.MonitorDefinition;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The core's one view of Datadog's monitors API. Every method is one logical operation; an
 * implementation may retry throttled (429) and failed (5xx) calls, and throws
 * {@link DatadogException} for what still fails.
 */
public interface DatadogMonitors {

  /** Every monitor carrying {@code tag}, read in pages; fails whole rather than return a partial list. */
  List<RemoteMonitor> listByTag(String tag);

  RemoteMonitor create(MonitorDefinition definition);

  RemoteMonitor update(long id, MonitorDefinition definition);

  /** Deletes without forcing: Datadog refuses a monitor still used by an SLO or composite monitor. */
  void delete(long id);

  /**
   * Asks Datadog's own monitor validation about a body before it is written: for a new monitor
   * when {@code id} is null, else for an update of monitor {@code id}. Writes nothing.
   *
   * @return Datadog's reasons for rejecting the body; empty when it accepts it
   */
  List<String> validate(Long id, MonitorDefinition definition);

  /** Asks Datadog which of these monitors cannot be deleted; maps each such ID to the reason. */
  Map<Long, String> deletionBlockers(Collection<Long> ids);

  /** The monitor's page in Datadog's web app. */
  URI monitorUrl(long id);
}
