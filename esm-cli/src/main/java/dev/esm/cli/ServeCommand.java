package dev.esm.cli;

import dev.esm.core.datadog.DatadogSettings;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.datadog.DatadogApiMonitors;
import dev.esm.core.diagnostic.EsmException;
import dev.esm.core.template.Templates;
import dev.esm.core.workspace.Reconciler;
import dev.esm.github.GitHubClients;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.webhook.DriftWatcher;
import dev.esm.webhook.RegistrationEngine;
import dev.esm.webhook.SecretMasker;
import dev.esm.webhook.ServiceConfiguration;
import dev.esm.catalog.CatalogService;
import dev.esm.store.CommandStore;
import dev.esm.store.Database;
import dev.esm.store.StoreSettings;
import dev.esm.store.StoreStartException;
import dev.esm.webhook.ServiceSettings;
import dev.esm.webhook.SlackAnnouncer;
import dev.esm.webhook.WebhookMetrics;
import dev.esm.webhook.WebhookServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the GitHub webhook service (POST " + ServiceSettings.WEBHOOK_PATH + ", GET "
        + ServiceSettings.HEALTH_PATH + ", GET " + ServiceSettings.METRICS_PATH + ").")
final class ServeCommand implements Callable<Integer> {

  @ParentCommand EsmCommand parent;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: $ESM_CONFIG, else esm.yaml in the current directory, else built-in defaults).")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> env = parent.environment();
    EsmConfig esm = new ConfigLoader().locate(config, env);
    WebhookMetrics metrics = new WebhookMetrics();
    ServiceConfiguration service = ServiceConfiguration.fromEnvironment(env, esm.github().repositories(), esm.github().schemaPaths());
    GitHubClients gitHub = GitHubClients.fromEnvironment(env, metrics.github());
    try (DatadogApiMonitors datadog = new DatadogApiMonitors(DatadogSettings.fromEnvironment(env, esm.datadog()),
        metrics.datadog())) {
      SlackAnnouncer announcer = announcer(esm, env);
      RegistrationEngine engine = new RegistrationEngine(esm, datadog, announcer);
      SecretMasker secrets = SecretMasker.fromEnvironment(env);
      Database database = openStore(env);
      WebhookServer created = WebhookServer.create(service, gitHub, engine, metrics, esm, secrets, database,
          esm.queue().leaseDuration());
      if (esm.ui()) {
        SecretMasker masker = secrets.and(java.util.List.of(service.webhookSecret()));
        created.serveCatalog(CatalogService.of(esm, datadog, gitHub, new CommandStore(database, java.time.Clock.systemUTC()),
            masker::mask));
      }
      WebhookServer server = start(created, service.port())
          .watchDrift(new DriftWatcher(esm, datadog, gitHub, metrics, announcer,
              secrets.and(java.util.List.of(service.webhookSecret()))))
          .recoverMissedDeliveries(esm.github().recoverEvery());
      server.awaitTermination();
    }
    return ExitCode.OK;
  }

  /** The database the service keeps its work in; a start-up error names the folder or URL at fault. */
  private static Database openStore(Map<String, String> env) {
    try {
      return Database.open(StoreSettings.fromEnvironment(env));
    } catch (StoreStartException e) {
      throw new EsmException(EsmException.Kind.USAGE, e.getMessage());
    }
  }

  private static WebhookServer start(WebhookServer server, int port) {
    try {
      return server.start().stopOnShutdown(Main.isProcess());
    } catch (RuntimeException e) {
      if (e.getCause() instanceof java.net.BindException || e.getClass().getSimpleName().contains("BindException")) {
        throw new EsmException(EsmException.Kind.USAGE, "port " + port + " is already in use: stop what listens there, or set "
            + ServiceSettings.ENV_PORT + " to a free port");
      }
      throw e;
    }
  }

  /** The Slack webhook of {@code announce.slack_webhook_url}, where {@code ${env:NAME}} reads the environment. */
  static SlackAnnouncer announcer(EsmConfig config, Map<String, String> env) {
    String template = config.announce().slackWebhookUrl();
    if (template == null || template.isBlank()) {
      return null;
    }
    Map<String, String> variables = new HashMap<>();
    env.forEach((name, value) -> variables.put("env:" + name, value));
    String url;
    try {
      url = Templates.render(template, variables);
    } catch (dev.esm.core.template.UnknownVariableException e) {
      throw new EsmException(EsmException.Kind.USAGE, "announce.slack_webhook_url reads ${" + e.variable()
          + "}, which is not set in the environment");
    }
    return new SlackAnnouncer(URI.create(url), SecretMasker.fromEnvironment(env).and(java.util.List.of(url)));
  }
}
