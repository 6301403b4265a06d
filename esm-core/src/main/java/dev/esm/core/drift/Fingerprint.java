package dev.esm.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.esm.core.plan.Normalizer;
import dev.esm.core.render.MessageComposer;
import dev.esm.core.render.MonitorDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The fingerprint of what ESM wrote, carried by the monitor itself as the tag
 * {@code esm-digest:<16 hex digits>}: the first 64 bits of the SHA-256 of the monitor's
 * {@linkplain Normalizer normalised} body, without the fingerprint tag and without the links ESM
 * writes into the message. Datadog's save-time rewrites leave it valid; any edit of a compared
 * field in Datadog's UI does not.
 */
public final class Fingerprint {

  public static final String TAG_PREFIX = Normalizer.FINGERPRINT_TAG_PREFIX;

  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final int HEX_DIGITS = 16;

  private Fingerprint() {}

  /** The fingerprint of a body (16 lower-case hex digits). */
  public static String of(MonitorDefinition definition) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(Normalizer.normalize(comparable(definition)));
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(hash).substring(0, HEX_DIGITS);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint " + definition.name(), e);
    }
  }

  /** The body as drift compares it: the links of the message left out (and the fingerprint tag, by the normaliser). */
  public static MonitorDefinition comparable(MonitorDefinition definition) {
    return new MonitorDefinition(definition.name(), definition.type(), definition.query(),
        MessageComposer.withoutLinks(definition.message()), definition.tags(), definition.priority(), definition.options());
  }

  /** The body with its fingerprint tag (any earlier one replaced): what ESM sends to Datadog. */
  public static MonitorDefinition stamp(MonitorDefinition definition) {
    List<String> tags = new ArrayList<>(definition.tags().stream().filter(t -> !t.trim().startsWith(TAG_PREFIX)).toList());
    tags.add(TAG_PREFIX + of(definition));
    return new MonitorDefinition(definition.name(), definition.type(), definition.query(), definition.message(), tags,
        definition.priority(), definition.options());
  }

  /** The fingerprint a monitor carries, if it carries exactly one. */
  public static Optional<String> read(MonitorDefinition definition) {
    List<String> found = definition.tags().stream().map(String::trim).filter(t -> t.startsWith(TAG_PREFIX))
        .map(t -> t.substring(TAG_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /** True when the monitor still is what ESM wrote, per its own fingerprint. */
  public static boolean matches(MonitorDefinition definition) {
    return read(definition).map(written -> written.equals(of(definition))).orElse(false);
  }
}
