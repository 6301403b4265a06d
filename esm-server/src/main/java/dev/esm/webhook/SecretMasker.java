package dev.esm.webhook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text before it leaves the process (pull-request comments, commit
 * statuses, Slack, the log): every configured secret value, and whatever looks like a GitHub
 * token, a Slack webhook URL or a private key, becomes {@value #MASK}.
 */
public final class SecretMasker {

  public static final String MASK = "[secret]";
  /** Shorter values (e.g. a port number in a variable named *_KEY) would mask ordinary words. */
  static final int SHORTEST_SECRET = 8;

  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"),
      Pattern.compile("https://hooks\\.slack\\.com/[A-Za-z0-9/_-]+"),
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"));

  /** Variables whose value is a secret, besides those named like one (see {@link #isSecretName}). */
  private static final List<String> SECRET_VARIABLES = List.of(ServiceSettings.ENV_WEBHOOK_SECRET,
      ServiceSettings.ENV_GITHUB_TOKEN, ServiceSettings.ENV_DD_API_KEY, ServiceSettings.ENV_DD_APP_KEY);

  public static final SecretMasker NONE = new SecretMasker(List.of());

  private final List<String> secrets;

  private SecretMasker(Collection<String> secrets) {
    this.secrets = secrets.stream().filter(Objects::nonNull).map(String::strip)
        .filter(s -> s.length() >= SHORTEST_SECRET).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public static SecretMasker of(Collection<String> secrets) {
    return new SecretMasker(secrets);
  }

  /** The secrets of the environment: ESM's own variables, and any named {@code *_TOKEN}, {@code *_SECRET}, {@code *_KEY}, {@code *_PASSWORD}. */
  public static SecretMasker fromEnvironment(Map<String, String> env) {
    List<String> values = new ArrayList<>();
    env.forEach((name, value) -> {
      if (SECRET_VARIABLES.contains(name) || isSecretName(name)) {
        values.add(value);
      }
    });
    return new SecretMasker(values);
  }

  /** This masker and {@code more} values. */
  public SecretMasker and(Collection<String> more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return new SecretMasker(all);
  }

  static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.endsWith("_TOKEN") || upper.endsWith("_SECRET") || upper.endsWith("_KEY")
        || upper.endsWith("_PASSWORD") || upper.endsWith("_WEBHOOK_URL");
  }

  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    for (Pattern shape : SHAPES) {
      out = shape.matcher(out).replaceAll(MASK);
    }
    return out;
  }
}
