package org.passagegateway.gateway.identity;

import java.util.Base64;
import java.util.Map;

/**
 * In-process pseudonym derivation for the identity benchmark: normalizing a woman's answers and
 * deriving her pseudonym, as {@code Patient/$pseudonym} does before it records it. In the
 * gateway's package (on the benchmark's class path) to reach its package-private parts without
 * making them public for a benchmark's sake.
 */
public final class DerivationTiming {

  private final UicNormalizer normalizer = new UicNormalizer(IdentityProperties.DEFAULT_UIC);
  private final PseudonymDeriver deriver;

  public DerivationTiming(byte[] key) {
    this.deriver = new PseudonymDeriver(PseudonymKeys.of(Base64.getEncoder().encodeToString(key)));
  }

  /** Her pseudonym from her answers. */
  public String derive(Map<String, String> answers) {
    return deriver.derive(normalizer.normalize(answers));
  }

  /** Her pseudonym from an already normalized UIC: one guess of an attacker who holds the key. */
  public String deriveNormalized(String uic) {
    return deriver.derive(uic);
  }
}
