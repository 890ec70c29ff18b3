package org.passagegateway.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Derives a woman's network pseudonym from her normalized UIC with HMAC-SHA256 (the JDK's) under
 * the key of an epoch. Without the key a pseudonym tells nothing of the UIC, however few bits the
 * UIC has; the same UIC under the same key always gives the same pseudonym.
 */
final class PseudonymDeriver {

  /** Separates this use of the key from any other. */
  private static final byte[] CONTEXT = "passage-network-pseudonym/v1\u0000".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FACTOR_CONTEXT = "passage-second-factor/v1\u0000".getBytes(StandardCharsets.US_ASCII);

  private final PseudonymKeys keys;

  PseudonymDeriver(PseudonymKeys keys) {
    this.keys = keys;
  }

  /** The pseudonym under the current epoch. */
  String derive(String normalizedUic) {
    return derive(normalizedUic, keys.currentEpoch());
  }

  /** Her pseudonym under every epoch, the current one last. */
  Map<Integer, String> deriveAll(String normalizedUic) {
    Map<Integer, String> all = new LinkedHashMap<>();
    keys.byEpoch().keySet().forEach(epoch -> all.put(epoch, derive(normalizedUic, epoch)));
    return all;
  }

  int currentEpoch() {
    return keys.currentEpoch();
  }

  String derive(String normalizedUic, int epoch) {
    return PseudonymFormat.write(epoch, mac(epoch, CONTEXT, normalizedUic.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Her second factor under the current epoch: derived from her pseudonym and what she holds (a
   * card number or PIN, in capitals without spaces or hyphens), so that it tells nothing of either.
   */
  String secondFactor(String pseudonym, String held) {
    int epoch = keys.currentEpoch();
    return PseudonymFormat.write(epoch, mac(epoch, FACTOR_CONTEXT,
        (pseudonym + "\u0000" + held).getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] mac(int epoch, byte[] context, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keys.byEpoch().get(epoch));
      mac.update(context);
      return mac.doFinal(message);
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", unavailable);
    }
  }
}
