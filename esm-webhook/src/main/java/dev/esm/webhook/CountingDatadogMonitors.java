package dev.esm.webhook;

import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.render.MonitorDefinition;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Counts the Datadog operations of the service, and their failures, for {@code /metrics}. */
final class CountingDatadogMonitors implements DatadogMonitors {

  private final DatadogMonitors delegate;
  private final CallCounter counter;

  CountingDatadogMonitors(DatadogMonitors delegate, CallCounter counter) {
    this.delegate = delegate;
    this.counter = counter;
  }

  @Override
  public List<RemoteMonitor> listByTag(String tag) {
    return counted(() -> delegate.listByTag(tag));
  }

  @Override
  public RemoteMonitor create(MonitorDefinition definition) {
    return counted(() -> delegate.create(definition));
  }

  @Override
  public RemoteMonitor update(long id, MonitorDefinition definition) {
    return counted(() -> delegate.update(id, definition));
  }

  @Override
  public List<String> validate(Long id, MonitorDefinition definition) {
    return counted(() -> delegate.validate(id, definition));
  }

  @Override
  public void delete(long id) {
    counted(() -> {
      delegate.delete(id);
      return null;
    });
  }

  @Override
  public Map<Long, String> deletionBlockers(Collection<Long> ids) {
    return counted(() -> delegate.deletionBlockers(ids));
  }

  @Override
  public URI monitorUrl(long id) {
    return delegate.monitorUrl(id);
  }

  private <T> T counted(Supplier<T> call) {
    counter.call();
    try {
      return call.get();
    } catch (RuntimeException e) {
      counter.error();
      throw e;
    }
  }
}
