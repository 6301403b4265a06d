package dev.esm.webhook;

import dev.esm.core.datadog.DatadogException;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Refuses the monitor writes of a command whose lease may have lapsed: another replica may run it
 * by now, and two commands on one repository must never interleave their writes. The lease is
 * the one of the thread running the command, and of the threads it starts (the writes run on a
 * pool created per command).
 */
public final class LeaseFencedMonitors implements DatadogMonitors {

  private static final InheritableThreadLocal<DurableCommandQueue.Lease> CURRENT = new InheritableThreadLocal<>();

  private final DatadogMonitors delegate;

  public LeaseFencedMonitors(DatadogMonitors delegate) {
    this.delegate = delegate;
  }

  static void enter(DurableCommandQueue.Lease lease) {
    CURRENT.set(lease);
  }

  static void leave() {
    CURRENT.remove();
  }

  static final String LEASE_LOST = "the command's lease could not be renewed in time (it runs again from the start)";

  /** A write refused because the command's lease may have lapsed. */
  static final class LeaseLost extends DatadogException {
    LeaseLost() {
      super("not sent: " + LEASE_LOST, 0, false, null);
    }
  }

  private static void check() {
    DurableCommandQueue.Lease lease = CURRENT.get();
    if (lease != null && !lease.held()) {
      throw new LeaseLost();
    }
  }

  @Override
  public List<RemoteMonitor> listByTag(String tag) {
    return delegate.listByTag(tag);
  }

  @Override
  public RemoteMonitor create(MonitorDefinition definition) {
    check();
    return delegate.create(definition);
  }

  @Override
  public RemoteMonitor update(long id, MonitorDefinition definition) {
    check();
    return delegate.update(id, definition);
  }

  @Override
  public void delete(long id) {
    check();
    delegate.delete(id);
  }

  @Override
  public List<String> validate(Long id, MonitorDefinition definition) {
    return delegate.validate(id, definition);
  }

  @Override
  public Map<Long, String> deletionBlockers(Collection<Long> ids) {
    return delegate.deletionBlockers(ids);
  }

  @Override
  public URI monitorUrl(long id) {
    return delegate.monitorUrl(id);
  }
}
