package dev.esm.catalog;

import dev.esm.store.PastCommand;
import dev.esm.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The catalog page as the service serves it. GitHub and Datadog are read at most once every
 * {@link #REFRESH} whatever the number of viewers: one read at a time, viewers arriving meanwhile
 * are served the previous read (the first read of all is waited for). The command history is
 * read from the database at each view, and the catalog assembled again only when something
 * changed. Nothing is written anywhere.
 */
public final class CatalogService {

  /** How long one read of GitHub and Datadog is shown before the next view reads them again. */
  public static final Duration REFRESH = Duration.ofMinutes(5);
  /** The commands shown: those of the last 7 days, at most this many. */
  static final Duration HISTORY = Duration.ofDays(7);
  public static final int HISTORY_LIMIT = 500;

  private final Supplier<CatalogSource.Snapshot> source;
  private final LongFunction<List<PastCommand>> history;
  private final CatalogAssembler assembler;
  private final CatalogPage page;
  private final Clock clock;
  private final Duration refresh;

  private final java.util.concurrent.locks.ReentrantLock refreshing = new java.util.concurrent.locks.ReentrantLock();
  private volatile CatalogSource.Snapshot snapshot;
  private CatalogSource.Snapshot assembledFrom;
  private List<PastCommand> commands;
  private Catalog catalog;

  /**
   * @param source reads GitHub and Datadog ({@link CatalogSource#read})
   * @param history the commands accepted since a time in epoch milliseconds, newest first ({@code CommandStore::history})
   * @param monitorUrl a monitor's page in Datadog
   * @param mask hides every secret the service knows
   */
  public CatalogService(Supplier<CatalogSource.Snapshot> source, LongFunction<List<PastCommand>> history,
      LongFunction<java.net.URI> monitorUrl, UnaryOperator<String> mask, Clock clock, Duration refresh) {
    this.source = source;
    this.history = history;
    this.assembler = new CatalogAssembler(monitorUrl);
    this.page = new CatalogPage(mask);
    this.clock = clock;
    this.refresh = refresh;
  }

  /**
   * The service's catalog: the served repositories of {@code config} read through {@code gitHub},
   * the monitors of its identity tag through {@code datadog}, the history from {@code store}.
   */
  public static CatalogService of(dev.esm.core.config.EsmConfig config, dev.esm.core.datadog.DatadogMonitors datadog,
      dev.esm.github.GitHubClients gitHub, dev.esm.store.CommandStore store, UnaryOperator<String> mask) {
    CatalogSource source = new CatalogSource(config, datadog, gitHub, Clock.systemUTC());
    return new CatalogService(source::read, since -> store.history(since, HISTORY_LIMIT), datadog::monitorUrl, mask,
        Clock.systemUTC(), REFRESH);
  }

  /** The page for a request's query parameters ({@code team}, {@code repository}, {@code q}). */
  public String page(Map<String, List<String>> query) {
    return page.render(catalog(), Filter.of(query));
  }

  /** The catalog as of now: GitHub and Datadog as last read (again when older than the refresh), the history as it is. */
  Catalog catalog() {
    CatalogSource.Snapshot read = snapshot();
    List<String> problems = new ArrayList<>(read.problems());
    List<PastCommand> now;
    try {
      now = history.apply(clock.millis() - HISTORY.toMillis());
    } catch (StoreException e) {
      problems.add("the command history cannot be read: " + e.getMessage());
      now = List.of();
    }
    synchronized (this) {
      if (catalog == null || assembledFrom != read || !now.equals(commands) || !problems.equals(catalog.problems())) {
        catalog = assembler.assemble(read.at(), read.branches(), read.managed(), now, problems);
        assembledFrom = read;
        commands = now;
      }
      return catalog;
    }
  }

  /**
   * The last read while it is fresh; else one viewer reads again while the others keep being
   * served the previous read (only the very first read makes viewers wait).
   */
  private CatalogSource.Snapshot snapshot() {
    CatalogSource.Snapshot current = snapshot;
    if (current != null && isFresh(current)) {
      return current;
    }
    if (current != null && !refreshing.tryLock()) {
      return current;
    }
    if (current == null) {
      refreshing.lock();
    }
    try {
      current = snapshot;
      if (current == null || !isFresh(current)) {
        current = source.get();
        snapshot = current;
      }
      return current;
    } finally {
      refreshing.unlock();
    }
  }

  private boolean isFresh(CatalogSource.Snapshot read) {
    return clock.instant().isBefore(read.at().plus(refresh));
  }

  /** The page's stylesheet, served at {@link CatalogPage#STYLESHEET_PATH}. */
  public static byte[] stylesheet() {
    try (InputStream in = CatalogService.class.getResourceAsStream("catalog.css")) {
      if (in == null) {
        throw new IllegalStateException("catalog.css is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
