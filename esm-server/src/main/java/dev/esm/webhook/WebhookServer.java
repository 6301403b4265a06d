package dev.esm.webhook;

import dev.esm.github.GitHubClients;
import dev.esm.github.PullRequestReader;
import dev.esm.github.SchemaPaths;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import dev.esm.core.config.Limits;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub webhook service: {@code POST /webhooks/github}, {@code GET /healthz},
 * {@code GET /metrics}. Deliveries are checked (size, signature) and answered at once; commands
 * run afterwards, one at a time per repository.
 *
 * <pre>{@code
 * WebhookMetrics metrics = new WebhookMetrics();
 * WebhookServer server = WebhookServer.create(
 *     ServiceConfiguration.fromEnvironment(System.getenv(), repositories, schemaPaths),
 *     GitHubClients.fromEnvironment(System.getenv(), metrics.github()),
 *     engine, metrics);
 * server.start().stopOnShutdown().awaitTermination();
 * }</pre>
 */
public final class WebhookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  private static final int REMEMBERED_DELIVERIES = 10_000;

  private final ServiceConfiguration configuration;
  private final WebhookSignature signature;
  private final WebhookMetrics metrics;
  private final CommandQueue queue;
  private final DeliveryHandler deliveries;
  private final DeliveryLog log = new DeliveryLog();
  private final Javalin app;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean started;
  private volatile DriftWatcher driftWatcher;

  private final PullRequestReader reader;
  private final CommandProcessor processor;

  private WebhookServer(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, ResultCommentRenderer renderer, Limits limits, SecretMasker secrets, HttpLimits http,
      PullRequestRules rules) {
    this.configuration = configuration;
    this.signature = new WebhookSignature(configuration.webhookSecret());
    this.metrics = metrics;
    this.queue = new CommandQueue(configuration.workers());
    this.reader = new PullRequestReader(new SchemaPaths(configuration.schemaPaths()), null, limits);
    SecretMasker masker = secrets.and(List.of(configuration.webhookSecret()));
    this.processor = new CommandProcessor(gitHub, reader, engine, renderer, metrics, log, limits.commandTimeout(), masker,
        rules);
    this.deliveries = new DeliveryHandler(new RepositoryAllowList(configuration.repositories()),
        new DeliveryIds(REMEMBERED_DELIVERIES), queue, processor, metrics, log,
        new PullRequestEvents(gitHub, new Autoplan(reader, engine, renderer), new MergeRegistration(reader, engine, renderer),
            rules, metrics, log, masker::mask));
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = configuration.maxBodyBytes();
      config.jetty.modifyServer(server -> {
        // Bodies are read before a thread is given to a request: slow senders hold no thread.
        server.insertHandler(new WholeBodyHandler(configuration.maxBodyBytes(), http.bodyDeadline()));
        server.addBean(new NetworkConnectionLimit(http.maxConnections(), server));
      });
      config.jetty.addConnector((server, httpConfiguration) -> {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
        connector.setPort(configuration.port());
        connector.setIdleTimeout(http.idleTimeout().toMillis());
        return connector;
      });
      config.routes.post(ServiceSettings.WEBHOOK_PATH, this::webhook);
      config.routes.get(ServiceSettings.HEALTH_PATH, this::health);
      config.routes.get(ServiceSettings.METRICS_PATH, this::metrics);
      // One line, no stack trace: a request that breaks a handler (a client that hung up) is not news.
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getClass().getName());
        ctx.status(500).result("internal error\n");
      });
    });
  }

  /**
   * The service, not started yet.
   *
   * @param configuration port, secret, repositories, schema paths
   * @param gitHub how to reach GitHub ({@link GitHubClients#fromEnvironment})
   * @param engine plans and registers
   * @param metrics where to count; pass the same instance to the Datadog adapter ({@link WebhookMetrics#datadog()})
   */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics) {
    return create(configuration, gitHub, engine, metrics, Limits.DEFAULT, SecretMasker.NONE);
  }

  /**
   * As above, with the {@code limits} of {@code esm.yaml} (archive size, changed files, command
   * timeout) and the secrets never to write anywhere (the webhook secret is always one).
   */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, Limits limits, SecretMasker secrets) {
    return new WebhookServer(configuration, gitHub, engine, metrics, new ResultCommentRenderer(), limits, secrets,
        HttpLimits.DEFAULT, PullRequestRules.defaults());
  }

  /**
   * As above, with the limits and the pull request's life ({@code autoplan}, {@code register.*})
   * configured by {@code esm.yaml}.
   */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, dev.esm.core.config.EsmConfig esm, SecretMasker secrets) {
    return new WebhookServer(configuration, gitHub, engine, metrics, new ResultCommentRenderer(), esm.limits(), secrets,
        HttpLimits.DEFAULT, PullRequestRules.of(esm));
  }

  /** As above, masking nothing more than the webhook secret. */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, dev.esm.core.config.EsmConfig esm) {
    return create(configuration, gitHub, engine, metrics, esm, SecretMasker.NONE);
  }

  static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, ResultCommentRenderer renderer, PullRequestRules rules) {
    return new WebhookServer(configuration, gitHub, engine, metrics, renderer, Limits.DEFAULT, SecretMasker.NONE,
        HttpLimits.DEFAULT, rules);
  }

  static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, ResultCommentRenderer renderer) {
    return new WebhookServer(configuration, gitHub, engine, metrics, renderer, Limits.DEFAULT, SecretMasker.NONE,
        HttpLimits.DEFAULT, PullRequestRules.defaults());
  }

  static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, Limits limits, SecretMasker secrets, HttpLimits http) {
    return new WebhookServer(configuration, gitHub, engine, metrics, new ResultCommentRenderer(), limits, secrets, http,
        PullRequestRules.defaults());
  }

  public WebhookServer start() {
    int abandoned = reader.deleteAbandonedWorkspaces();
    if (abandoned > 0) {
      LOG.info("deleted {} working folder(s) left by a process that stopped abruptly", abandoned);
    }
    app.start();
    started = true;
    LOG.info("ESM webhook service listening on port {} for {}", app.port(), configuration.repositories());
    if (configuration.repositories().isEmpty()) {
      LOG.warn("github.repositories is empty: every delivery will be ignored");
    }
    return this;
  }

  /**
   * Starts the drift checks of every served repository (nothing when {@code drift.interval} is
   * 0); they share the commands' per-repository ordering and stop with the service.
   */
  public WebhookServer watchDrift(DriftWatcher watcher) {
    this.driftWatcher = watcher;
    watcher.start(queue);
    return this;
  }

  /** Blocks until {@link #stop()} has finished (e.g. from the shutdown hook). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** The port listened on (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** Stops on SIGTERM/SIGINT, letting running commands finish first. */
  public WebhookServer stopOnShutdown() {
    return stopOnShutdown(false);
  }

  /**
   * As above; with {@code exitZero} (the process's own entry point only), a stop that this hook
   * carried out to the end ends the process with status 0 instead of the signal's 143: a clean
   * stop is not a failure to the platform running the service.
   */
  public WebhookServer stopOnShutdown(boolean exitZero) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stopping.get()) {
        return;
      }
      stop();
      if (exitZero) {
        Runtime.getRuntime().halt(0);
      }
    }, "esm-shutdown"));
    return this;
  }

  /** Waits until every accepted command has finished; false when {@code timeout} ran out first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return queue.awaitIdle(timeout);
  }

  /**
   * Graceful stop: new deliveries get 503; commands waiting in the queue are not started (each
   * pull request is told to comment again); running ones may finish within the configured grace,
   * after which they are stopped (they write nothing more and say so); then the HTTP server stops.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    if (driftWatcher != null) {
      driftWatcher.stop();
    }
    LOG.info("stopping: {} command(s) accepted and not finished", queue.pendingCount());
    queue.shutdown(configuration.shutdownGrace(), processor::stopRunning);
    app.stop();
    LOG.info("stopped");
    terminated.countDown();
  }

  @Override
  public void close() {
    stop();
  }

  // ---------------------------------------------------------------- handlers: guard, then delegate

  private void webhook(Context ctx) throws IOException {
    long start = System.nanoTime();
    if (stopping.get()) {
      refuse(ctx, start, 503, "unavailable", "shutting down; redeliver later");
      return;
    }
    if (ctx.req().getAttribute(WholeBodyHandler.TOO_SLOW) != null) {
      refuse(ctx, start, 408, "too_slow", "the body did not arrive in time");
      return;
    }
    byte[] body = ctx.req().getAttribute(WholeBodyHandler.TOO_LARGE) != null ? null : readBody(ctx);
    if (body == null) {
      refuse(ctx, start, 413, "too_large", "payload larger than " + configuration.maxBodyBytes() + " bytes");
      return;
    }
    if (!signature.verify(body, ctx.header(WebhookSignature.HEADER))) {
      refuse(ctx, start, 401, "unauthorized", "missing or wrong " + WebhookSignature.HEADER);
      return;
    }
    DeliveryHandler.Answer answer =
        deliveries.handle(ctx.header("X-GitHub-Event"), ctx.header("X-GitHub-Delivery"), body);
    answer(ctx, answer.status(), answer.message());
  }

  /** Refused before the signature was trusted: nothing from the request is believed, nothing else happens. */
  private void refuse(Context ctx, long start, int status, String outcome, String message) {
    metrics.delivery("unverified", outcome);
    log.intake(ctx.header("X-GitHub-Delivery"), "unverified", null, outcome, (System.nanoTime() - start) / 1_000_000);
    answer(ctx, status, message);
  }

  private void health(Context ctx) {
    boolean ok = started && !stopping.get() && queue.isAccepting();
    ctx.status(ok ? 200 : 503).contentType("application/json")
        .result(ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}");
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** The raw body, or null when it is larger than allowed. */
  private byte[] readBody(Context ctx) throws IOException {
    long limit = configuration.maxBodyBytes();
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      return null;
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
      return body.length > limit ? null : body;
    }
  }

  private static void answer(Context ctx, int status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
  }
}
