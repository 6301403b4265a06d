package dev.esm.webhook;

import dev.esm.core.config.ConfigLoader;
import dev.esm.github.GitHubClients;

/**
 * The names the webhook service answers to and reads. Deployment manifests, the GitHub App
 * manifest and the operations guide are checked against these constants by tests.
 */
public final class ServiceSettings {
  public static final String WEBHOOK_PATH = "/webhooks/github";
  public static final String HEALTH_PATH = "/healthz";
  public static final String METRICS_PATH = "/metrics";
  public static final String READY_PATH = "/readyz";
  /** The catalog page, with {@code ui: true}. */
  public static final String CATALOG_PATH = "/";
  public static final int DEFAULT_PORT = 8080;

  public static final String ENV_PORT = "ESM_PORT";
  public static final String ENV_CONFIG = ConfigLoader.ENV_CONFIG;
  public static final String ENV_WEBHOOK_SECRET = "ESM_WEBHOOK_SECRET";
  public static final String ENV_GITHUB_TOKEN = GitHubClients.ENV_TOKEN;
  public static final String ENV_GITHUB_APP_ID = GitHubClients.ENV_APP_ID;
  public static final String ENV_GITHUB_APP_PRIVATE_KEY = GitHubClients.ENV_APP_PRIVATE_KEY;
  public static final String ENV_GITHUB_API_URL = GitHubClients.ENV_API_URL;
  public static final String ENV_DD_API_KEY = "DD_API_KEY";
  public static final String ENV_DD_APP_KEY = "DD_APP_KEY";
  public static final String ENV_DD_SITE = "DD_SITE";
  public static final String ENV_DATADOG_URL = "ESM_DATADOG_URL";
  public static final String ENV_DATABASE_URL = "ESM_DATABASE_URL";
  public static final String ENV_DATABASE_USER = "ESM_DATABASE_USER";
  public static final String ENV_DATABASE_PASSWORD = "ESM_DATABASE_PASSWORD";
  public static final String ENV_DATA_DIR = "ESM_DATA_DIR";

  private ServiceSettings() {}
}
