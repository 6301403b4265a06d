package dev.esm.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the raw body. No SHA-1. */
public final class WebhookSignature {

  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** True only when {@code header} is the signature of exactly these bytes; compared in constant time. */
  public boolean verify(byte[] rawBody, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(rawBody), given);
  }

  /** The header value GitHub would send for this body. */
  public String sign(byte[] rawBody) {
    return PREFIX + HexFormat.of().formatHex(hmac(rawBody));
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
