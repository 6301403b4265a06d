package dev.esm.webhook;

import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one guard around Datadog calls: refuses every call of a command that was stopped
 * ({@link CommandDeadline}: out of time, the service stopping, or its lease lost, so that another
 * replica may run it by now): a stopped command writes nothing more.
 */
final class GuardedDatadogMonitors implements DatadogMonitors {

  private final DatadogMonitors delegate;

  GuardedDatadogMonitors(DatadogMonitors delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<RemoteMonitor> listByTag(String tag) {
    CommandDeadline.checkCurrent();
    return delegate.listByTag(tag);
  }

  @Override
  public RemoteMonitor create(MonitorDefinition definition) {
    CommandDeadline.checkCurrent();
    return delegate.create(definition);
  }

  @Override
  public RemoteMonitor update(long id, MonitorDefinition definition) {
    CommandDeadline.checkCurrent();
    return delegate.update(id, definition);
  }

  @Override
  public List<String> validate(Long id, MonitorDefinition definition) {
    CommandDeadline.checkCurrent();
    return delegate.validate(id, definition);
  }

  @Override
  public void delete(long id) {
    CommandDeadline.checkCurrent();
    delegate.delete(id);
  }

  @Override
  public Map<Long, String> deletionBlockers(Collection<Long> ids) {
    CommandDeadline.checkCurrent();
    return delegate.deletionBlockers(ids);
  }

  @Override
  public URI monitorUrl(long id) {
    return delegate.monitorUrl(id);
  }
}
