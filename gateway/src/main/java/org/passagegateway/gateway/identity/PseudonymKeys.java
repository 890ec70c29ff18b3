package org.passagegateway.gateway.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets pseudonyms are derived with, one per epoch: the newest epoch issues, the older ones
 * are kept so that a woman's earlier pseudonyms can be derived again and linked to her current one.
 * A key is at least 32 bytes, read from a file that holds it in Base64 (as {@code openssl rand
 * -base64 32} writes it) or in a PEM block.
 */
public final class PseudonymKeys {

  private static final int SHORTEST = 32;

  private final NavigableMap<Integer, SecretKeySpec> byEpoch;

  private PseudonymKeys(NavigableMap<Integer, SecretKeySpec> byEpoch) {
    if (byEpoch.isEmpty()) {
      throw new IllegalArgumentException("at least one pseudonym key");
    }
    this.byEpoch = Collections.unmodifiableNavigableMap(byEpoch);
  }

  /** The keys of the files configured by epoch. */
  static PseudonymKeys fromFiles(Map<Integer, Path> files) {
    NavigableMap<Integer, SecretKeySpec> keys = new TreeMap<>();
    files.forEach((epoch, file) -> keys.put(epoch, key(read(file), "passage.identity.keys[" + epoch + "]")));
    return new PseudonymKeys(keys);
  }

  /** One key for epoch 1, of the given text (Base64 or PEM). */
  public static PseudonymKeys of(String text) {
    NavigableMap<Integer, SecretKeySpec> keys = new TreeMap<>();
    keys.put(1, key(text, "pseudonym key"));
    return new PseudonymKeys(keys);
  }

  /** A key made for this process alone (only the demo may run on one). */
  static PseudonymKeys generated() {
    byte[] secret = new byte[SHORTEST];
    new SecureRandom().nextBytes(secret);
    return of(Base64.getEncoder().encodeToString(secret));
  }

  /** The epoch that issues pseudonyms now: the newest. */
  int currentEpoch() {
    return byEpoch.lastKey();
  }

  NavigableMap<Integer, SecretKeySpec> byEpoch() {
    return byEpoch;
  }

  /**
   * A fingerprint of the key of an epoch: HMAC-SHA256 under the key of a fixed label, in hex. Equal
   * for equal keys, and tells nothing of the key.
   */
  String fingerprint(int epoch) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(byEpoch.get(epoch));
      return java.util.HexFormat.of().formatHex(mac.doFinal(
          "passage pseudonym key fingerprint".getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean knows(int epoch) {
    return byEpoch.containsKey(epoch);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException unreadable) {
      throw new UncheckedIOException("passage.identity.keys: cannot read a key file", unreadable);
    }
  }

  private static SecretKeySpec key(String text, String name) {
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(name + " is not Base64 or PEM (make one with: openssl rand -base64 32)");
    }
    if (secret.length < SHORTEST) {
      throw new IllegalArgumentException(name + " is shorter than 32 bytes (make one with: openssl rand -base64 32)");
    }
    return new SecretKeySpec(secret, "HmacSHA256");
  }
}
