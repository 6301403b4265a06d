package dev.esm.cli;

/** The exit statuses of SPEC "Command line". */
public final class ExitCode {
  public static final int OK = 0;
  public static final int INVALID = 1;
  public static final int USAGE = 2;
  /** Only with {@code plan --detailed-exitcode}: there are changes. */
  public static final int CHANGES = 2;
  public static final int REMOTE = 3;
  /** Only with {@code coverage --require-monitors}: an event is emitted without a monitor. */
  public static final int UNMONITORED = 4;

  private ExitCode() {}
}
