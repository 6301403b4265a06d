package dev.esm.webhook;

import dev.esm.core.diagnostic.EsmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the webhook service needs to run, built by the caller ({@code esm serve}) from
 * {@code esm.yaml} and the environment.
 *
 * @param port the port to listen on; 0 picks a free one (tests)
 * @param webhookSecret the secret GitHub signs deliveries with; required
 * @param repositories the repositories served, {@code owner/name} or {@code owner/*}
 * @param schemaPaths folders of the repository whose {@code .avdl} files are registered; empty
 *     means the whole repository
 * @param maxBodyBytes deliveries larger than this are refused with 413
 * @param workers how many commands may run at once (on different repositories)
 * @param shutdownGrace how long a shutdown waits for running commands to finish
 */
public record ServiceConfiguration(
    int port,
    String webhookSecret,
    List<String> repositories,
    List<String> schemaPaths,
    long maxBodyBytes,
    int workers,
    Duration shutdownGrace) {

  public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
  public static final int DEFAULT_WORKERS = 4;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(60);

  public ServiceConfiguration {
    if (webhookSecret == null || webhookSecret.isBlank()) {
      throw new EsmException(
          EsmException.Kind.USAGE,
          "The webhook service needs a webhook secret: set "
              + ServiceSettings.ENV_WEBHOOK_SECRET
              + " to the secret configured on the GitHub webhook or App. It refuses to start without one.");
    }
    if (port < 0 || port > 65535) {
      throw new EsmException(EsmException.Kind.USAGE, "Invalid port " + port + ": use 0 to 65535.");
    }
    repositories = List.copyOf(Objects.requireNonNull(repositories, "repositories"));
    schemaPaths = List.copyOf(schemaPaths == null ? List.of() : schemaPaths);
    if (maxBodyBytes <= 0) {
      maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    }
    if (workers <= 0) {
      workers = DEFAULT_WORKERS;
    }
    shutdownGrace = shutdownGrace == null ? DEFAULT_SHUTDOWN_GRACE : shutdownGrace;
    RepositoryAllowList.validate(repositories);
  }

  /** The usual settings: default body limit, workers and shutdown grace. */
  public static ServiceConfiguration of(
      int port, String webhookSecret, List<String> repositories, List<String> schemaPaths) {
    return new ServiceConfiguration(port, webhookSecret, repositories, schemaPaths, 0, 0, null);
  }

  /**
   * Port and secret from the environment ({@link ServiceSettings#ENV_PORT}, default {@value
   * ServiceSettings#DEFAULT_PORT}; {@link ServiceSettings#ENV_WEBHOOK_SECRET}); repositories and
   * schema paths from the configuration file.
   */
  public static ServiceConfiguration fromEnvironment(
      Map<String, String> env, List<String> repositories, List<String> schemaPaths) {
    String rawPort = env.get(ServiceSettings.ENV_PORT);
    int port = ServiceSettings.DEFAULT_PORT;
    if (rawPort != null && !rawPort.isBlank()) {
      try {
        port = Integer.parseInt(rawPort.trim());
      } catch (NumberFormatException e) {
        throw new EsmException(
            EsmException.Kind.USAGE,
            ServiceSettings.ENV_PORT + " must be a port number, not \"" + rawPort + "\".");
      }
    }
    return of(port, env.get(ServiceSettings.ENV_WEBHOOK_SECRET), repositories, schemaPaths);
  }

  @Override
  public String toString() {
    // Never print the secret.
    return "ServiceConfiguration[port=" + port + ", repositories=" + repositories
        + ", schemaPaths=" + schemaPaths + ", maxBodyBytes=" + maxBodyBytes
        + ", workers=" + workers + ", shutdownGrace=" + shutdownGrace + "]";
  }
}
