package dev.esm.webhook;

import dev.esm.catalog.CatalogPage;
import dev.esm.catalog.CatalogService;
import dev.esm.github.GitHubClients;
import dev.esm.github.PullRequestReader;
import dev.esm.github.SchemaPaths;
import dev.esm.store.CommandStore;
import dev.esm.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import dev.esm.core.config.Limits;
import dev.esm.github.DefaultBranchReader;
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
 * {@code GET /readyz}, {@code GET /metrics}, and with {@code ui: true} the catalog page {@code GET /}. Deliveries are checked (size, signature) and answered at once; commands
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
  /** How long accepted delivery IDs and finished commands are kept. */
  static final Duration KEEP = Duration.ofDays(7);
  static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

  private final ServiceConfiguration configuration;
  private final WebhookSignature signature;
  private final WebhookMetrics metrics;
  private final Database database;
  private final CommandStore store;
  private final DurableCommandQueue commands;
  private final Readiness readiness;
  private final DeliveryHandler deliveries;
  private final DeliveryLog log = new DeliveryLog();
  private final Javalin app;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean started;
  private volatile DriftWatcher driftWatcher;
  private volatile CatalogService catalog;
  private volatile DeliveryRecovery recovery;
  private final GitHubClients gitHub;

  private final PullRequestReader reader;
  private final CommandProcessor processor;
  private final PullRequestEvents pullRequests;

  private WebhookServer(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, ResultCommentRenderer renderer, Limits limits, SecretMasker secrets, HttpLimits http,
      PullRequestRules rules, Database database, Duration lease, List<String> sourceFolders) {
    this.configuration = configuration;
    this.gitHub = gitHub;
    this.signature = new WebhookSignature(configuration.webhookSecret());
    this.metrics = metrics;
    this.database = database;
    this.store = new CommandStore(database, java.time.Clock.systemUTC());
    this.reader = new PullRequestReader(new SchemaPaths(configuration.schemaPaths()), null, limits, sourceFolders);
    SecretMasker masker = secrets.and(List.of(configuration.webhookSecret()));
    this.processor = new CommandProcessor(gitHub, reader, engine, renderer, metrics, log, limits.commandTimeout(), masker,
        rules, store);
    this.pullRequests = new PullRequestEvents(gitHub, new Autoplan(reader, engine, renderer),
        new MergeRegistration(reader, engine, renderer),
        new CloseRestoration(reader, new DefaultBranchReader(null, limits, sourceFolders), engine, renderer),
        limits.commandTimeout(), rules, metrics, log, masker::mask, store);
    this.commands = new DurableCommandQueue(store, ReplicaId.create(), configuration.workers(), lease, this::runStored,
        metrics);
    this.readiness = new Readiness(database);
    metrics.queue(store::depth);
    this.deliveries = new DeliveryHandler(new RepositoryAllowList(configuration.repositories()), store, commands,
        processor, metrics, log, pullRequests);
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
      config.routes.get(ServiceSettings.READY_PATH, this::ready);
      config.routes.get(ServiceSettings.METRICS_PATH, this::metrics);
      config.routes.get(ServiceSettings.CATALOG_PATH, this::catalog);
      config.routes.get(CatalogPage.STYLESHEET_PATH, this::stylesheet);
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
   * The service keeping its work in {@code database} ({@link Database#open}), which it closes when it stops.
   *
   * @param lease {@code queue.lease}: how long a command stays with its replica without a renewal
   */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, Database database, Duration lease) {
    return create(configuration, gitHub, engine, metrics, Limits.DEFAULT, SecretMasker.NONE, database, lease);
  }

  /**
   * As above, with the {@code limits} of {@code esm.yaml} (archive size, changed files, command
   * timeout) and the secrets never to write anywhere (the webhook secret is always one).
   */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, Limits limits, SecretMasker secrets) {
    return create(configuration, gitHub, engine, metrics, limits, secrets, Database.inMemory(), DEFAULT_LEASE);
  }

  /** Both of the above: limits and secrets, and the database the work is kept in. */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, Limits limits, SecretMasker secrets, Database database, Duration lease) {
    return new WebhookServer(configuration, gitHub, engine, metrics, new ResultCommentRenderer(), limits, secrets,
        HttpLimits.DEFAULT, PullRequestRules.defaults(), database, lease, List.of());
  }

  /**
   * As above, with the limits and the pull request's life ({@code autoplan}, {@code register.*})
   * configured by {@code esm.yaml}.
   */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, dev.esm.core.config.EsmConfig esm, SecretMasker secrets) {
    return create(configuration, gitHub, engine, metrics, esm, secrets, Database.inMemory(), DEFAULT_LEASE);
  }

  /** As above, keeping the work in {@code database} with the lease {@code queue.lease}. */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, dev.esm.core.config.EsmConfig esm, SecretMasker secrets, Database database, Duration lease) {
    return new WebhookServer(configuration, gitHub, engine, metrics, new ResultCommentRenderer(), esm.limits(), secrets,
        HttpLimits.DEFAULT, PullRequestRules.of(esm), database, lease, esm.coverage().sources());
  }

  /** As above, masking nothing more than the webhook secret. */
  public static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, dev.esm.core.config.EsmConfig esm) {
    return create(configuration, gitHub, engine, metrics, esm, SecretMasker.NONE);
  }

  static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, ResultCommentRenderer renderer, PullRequestRules rules) {
    return new WebhookServer(configuration, gitHub, engine, metrics, renderer, Limits.DEFAULT, SecretMasker.NONE,
        HttpLimits.DEFAULT, rules, Database.inMemory(), DEFAULT_LEASE, List.of());
  }

  static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, ResultCommentRenderer renderer) {
    return new WebhookServer(configuration, gitHub, engine, metrics, renderer, Limits.DEFAULT, SecretMasker.NONE,
        HttpLimits.DEFAULT, PullRequestRules.defaults(), Database.inMemory(), DEFAULT_LEASE, List.of());
  }

  static WebhookServer create(ServiceConfiguration configuration, GitHubClients gitHub, CommandEngine engine,
      WebhookMetrics metrics, Limits limits, SecretMasker secrets, HttpLimits http) {
    return new WebhookServer(configuration, gitHub, engine, metrics, new ResultCommentRenderer(), limits, secrets, http,
        PullRequestRules.defaults(), Database.inMemory(), DEFAULT_LEASE, List.of());
  }

  /** Runs one stored command, whatever its kind: a comment command, a pull request's work, a drift check. */
  private String runStored(dev.esm.store.StoredCommand command, DurableCommandQueue.Lease lease) {
    if (PullRequestEvents.runs(command.word())) {
      return pullRequests.run(command, lease);
    }
    if (DriftWatcher.WORD.equals(command.word())) {
      DriftWatcher watcher = driftWatcher;
      if (watcher == null) { // queued by a replica that checks drift, while this one does not
        LOG.warn("{}: this replica runs no drift checks (drift.interval is 0 here); skipped", command.label());
        return "skipped";
      }
      return watcher.run(command, lease);
    }
    return processor.run(command, lease);
  }

  public WebhookServer start() {
    int abandoned = reader.deleteAbandonedWorkspaces();
    if (abandoned > 0) {
      LOG.info("deleted {} working folder(s) left by a process that stopped abruptly", abandoned);
    }
    readiness.start();
    pruneAndSchedule();
    commands.start();
    app.start();
    started = true;
    LOG.info("ESM webhook service listening on port {} for {}, keeping its work in the {}", app.port(),
        configuration.repositories(), database);
    if (configuration.repositories().isEmpty()) {
      LOG.warn("github.repositories is empty: every delivery will be ignored");
    }
    return this;
  }

  /**
   * Starts the drift checks of every served repository (nothing when {@code drift.interval} is
   * 0); each is a stored command of its repository, run one at a time with the others (across
   * replicas too); the rounds stop with the service.
   */
  public WebhookServer watchDrift(DriftWatcher watcher) {
    this.driftWatcher = watcher;
    watcher.start(store, commands::stored);
    return this;
  }

  /**
   * Serves the catalog page at {@code GET /} ({@code ui: true}); without it, {@code /} answers 404.
   * The page reads only: it writes nothing to GitHub, Datadog or the database.
   */
  public WebhookServer serveCatalog(CatalogService page) {
    this.catalog = page;
    return this;
  }

  /**
   * As a GitHub App, fetches back the deliveries GitHub could not hand over: a round now (in the
   * background), then every {@code interval} ({@code github.recover_interval}; zero turns it off).
   * With a token, GitHub lists no deliveries to ESM: this says so once in the log.
   */
  public WebhookServer recoverMissedDeliveries(Duration interval) {
    if (interval.isZero()) {
      LOG.info("missed-delivery recovery is off (github.recover_interval: 0)");
      return this;
    }
    java.util.Optional<dev.esm.github.HookDeliveries> hookDeliveries = gitHub.hookDeliveries();
    if (hookDeliveries.isEmpty()) {
      LOG.info("missed-delivery recovery needs a GitHub App (GitHub lists a token's webhook deliveries to no one):"
          + " deliveries missed while the service was down are not fetched back; redeliver them from the webhook's"
          + " settings on GitHub");
      return this;
    }
    DeliveryRecovery started = new DeliveryRecovery(hookDeliveries.get(), store, java.time.Clock.systemUTC());
    this.recovery = started;
    started.start(interval);
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

  /** Waits until every stored command has finished (on any replica); false when {@code timeout} ran out first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (store.unfinished() > 0 || commands.runningCount() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void pruneAndSchedule() {
    Thread pruner = new Thread(() -> {
      while (!stopping.get()) {
        try {
          int n = store.prune(KEEP);
          if (n > 0) {
            LOG.info("forgot {} delivery ID(s) and finished command(s) older than {}", n, KEEP);
          }
        } catch (RuntimeException e) {
          LOG.warn("cannot prune old delivery IDs yet: {}", e.getMessage());
        }
        try {
          Thread.sleep(Duration.ofHours(1).toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "esm-prune");
    pruner.setDaemon(true);
    pruner.start();
  }

  /**
   * Graceful stop: new deliveries get 503; commands waiting in the store stay there (they run at
   * the next start or on another replica); running ones may finish within the configured grace,
   * after which they are stopped (they write nothing more and say so); then the HTTP server stops.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    if (driftWatcher != null) {
      driftWatcher.stop();
    }
    if (recovery != null) {
      recovery.stop();
    }
    LOG.info("stopping: finishing {} running command(s); queued ones stay in the store", commands.runningCount());
    commands.shutdown(configuration.shutdownGrace(), processor::stopRunning);
    app.stop();
    readiness.close();
    database.close();
    LOG.info("stopped");
    terminated.countDown();
  }

  /** Stops as a killed process would, leaving its commands' leases to lapse (tests of takeovers). */
  void halt() {
    stopping.set(true);
    commands.halt();
    app.stop();
    readiness.close();
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
    boolean ok = started && !stopping.get() && commands.isAccepting();
    ctx.status(ok ? 200 : 503).contentType("application/json")
        .result(ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}");
  }

  /** Readiness: the database answers (checked in the background, so this answers at once). */
  private void ready(Context ctx) {
    boolean ok = started && !stopping.get() && readiness.ready();
    ctx.status(ok ? 200 : 503).contentType("application/json")
        .result(ok ? "{\"status\":\"ready\"}" : "{\"status\":\"unavailable\"}");
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private void catalog(Context ctx) {
    CatalogService page = catalog;
    if (page == null) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("not found\n");
      return;
    }
    pageHeaders(ctx);
    ctx.contentType("text/html; charset=utf-8").result(page.page(ctx.queryParamMap()));
  }

  private void stylesheet(Context ctx) {
    if (catalog == null) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("not found\n");
      return;
    }
    pageHeaders(ctx);
    ctx.header("Cache-Control", "public, max-age=3600").contentType("text/css; charset=utf-8")
        .result(CatalogService.stylesheet());
  }

  /** Only the service's own stylesheet, no script, no frame: a page that shows text written by others. */
  private static void pageHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none';"
        + " base-uri 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
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
