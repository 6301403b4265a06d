package dev.esm.core.calls;

import java.util.concurrent.atomic.AtomicInteger;

/** A {@link CallCounter} that keeps its tallies, for tests. */
public final class TallyCounter implements CallCounter {

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();

  @Override
  public void call() {
    calls.incrementAndGet();
  }

  @Override
  public void error() {
    errors.incrementAndGet();
  }

  public int calls() {
    return calls.get();
  }

  public int errors() {
    return errors.get();
  }
}
