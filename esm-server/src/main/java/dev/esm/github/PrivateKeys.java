package dev.esm.github;

import dev.esm.core.diagnostic.EsmException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a GitHub App's private key: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, the form GitHub hands
 * out) or PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
public final class PrivateKeys {

  private PrivateKeys() {}

  /** {@code source} is the path of the PEM file, or the PEM text itself. */
  public static PrivateKey read(String source) {
    if (source.strip().startsWith("-----BEGIN")) {
      return parse(new StringReader(source), "the PEM text of " + "GITHUB_APP_PRIVATE_KEY");
    }
    Path path = Path.of(source.strip());
    try (Reader reader = Files.newBufferedReader(path)) {
      return parse(reader, path.toString());
    } catch (IOException e) {
      throw new EsmException(
          EsmException.Kind.USAGE, "Cannot read the GitHub App private key " + path + ": " + e.getMessage());
    }
  }

  private static PrivateKey parse(Reader reader, String where) {
    try (PEMParser parser = new PEMParser(reader)) {
      Object pem = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (pem instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      if (pem instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new EsmException(
          EsmException.Kind.USAGE,
          where + " is not an unencrypted private key in PEM form (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)"
              + (pem == null ? "" : "; found " + pem.getClass().getSimpleName()) + ".");
    } catch (IOException e) {
      throw new EsmException(
          EsmException.Kind.USAGE, where + " is not a readable PEM private key: " + e.getMessage());
    }
  }
}
