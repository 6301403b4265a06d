package dev.esm.webhook;

import dev.esm.core.datadog.DatadogException;

/**
 * The time one command may still use. The thread running the command, and every thread it
 * starts (the Datadog writes run on a pool created per command), sees it through
 * {@link #checkCurrent()}: once the command is stopped (out of time, the service stopping, its
 * lease lost), each further Datadog call fails at once ({@link GuardedDatadogMonitors}).
 */
final class CommandDeadline {

  private static final InheritableThreadLocal<CommandDeadline> CURRENT = new InheritableThreadLocal<>();

  /** Why a command whose lease was lost stops. */
  static final String LEASE_LOST = "the command's lease could not be renewed in time (it runs again from the start)";

  private volatile String stoppedBecause;

  /** Makes this the deadline of the calling thread (and of the threads it starts) until {@link #leave()}. */
  void enter() {
    CURRENT.set(this);
  }

  static void leave() {
    CURRENT.remove();
  }

  /** From now on, calls under this deadline fail with {@code reason}. */
  void stop(String reason) {
    stoppedBecause = reason;
  }

  /**
   * Stops this deadline as soon as {@code lease} is lost (at once if it already was): another
   * replica may run the command by now, and two commands on one repository never interleave
   * their Datadog calls.
   */
  void stopWhenLost(DurableCommandQueue.Lease lease) {
    lease.onLost(() -> stop(LEASE_LOST));
  }

  boolean isStopped() {
    return stoppedBecause != null;
  }

  /** Throws when the calling thread's command was stopped. */
  static void checkCurrent() {
    CommandDeadline deadline = CURRENT.get();
    if (deadline != null && deadline.stoppedBecause != null) {
      throw new Stopped(deadline.stoppedBecause);
    }
  }

  /** A call refused because its command was stopped (out of time, or the service is stopping). */
  static final class Stopped extends DatadogException {
    Stopped(String reason) {
      super("not sent: " + reason, 0, false, null);
    }
  }
}
