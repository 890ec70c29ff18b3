package org.passagegateway.gateway.identity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.passagegateway.gateway.error.PassageError;

/**
 * Issues a woman's network pseudonym from her answers to the network's UIC: normalizes them,
 * derives her pseudonym under every key epoch and records them issued, the earlier ones linked to
 * the current one. The one way a pseudonym is issued, for {@code $pseudonym} and the demo network.
 */
public final class PseudonymIssuer {

  /**
   * Her pseudonyms.
   *
   * @param current the pseudonym of the current epoch
   * @param epoch the current epoch
   * @param earlier her pseudonyms of earlier epochs, by epoch
   */
  public record Issued(String current, int epoch, Map<Integer, String> earlier) {}

  private final UicNormalizer normalizer;
  private final PseudonymDeriver deriver;
  private final PseudonymRegistry registry;

  PseudonymIssuer(UicNormalizer normalizer, PseudonymDeriver deriver, PseudonymRegistry registry) {
    this.normalizer = normalizer;
    this.deriver = deriver;
    this.registry = registry;
  }

  /**
   * Her second factor with this pseudonym: what she holds (a card number or PIN), case, spaces and
   * hyphens aside, keyed so that it tells nothing of what she holds; never stored by the gateway.
   */
  public String secondFactor(String pseudonym, String held) {
    return deriver.secondFactor(pseudonym, heldValue(held));
  }

  /** What she holds, case, spaces and hyphens aside; refused (before anything is written) unless 4 to 64 characters. */
  static String heldValue(String held) {
    String plain = held.replaceAll("[\\s-]+", "").toUpperCase(Locale.ROOT);
    if (plain.length() < 4 || plain.length() > 64) {
      throw PassageError.INVALID_REQUEST.exception("A second factor is a card number or PIN of 4 to 64 characters");
    }
    return plain;
  }

  /** Issues her pseudonym from her answers by UIC part code ({@code unknown} for a part she does not know). */
  public Issued issue(Map<String, String> answers) {
    return issue(normalizer.normalize(answers));
  }

  /** Issues her pseudonym from her UIC, already normalized ({@link UicNormalizer#normalize}). */
  Issued issue(String uic) {
    Map<Integer, String> byEpoch = deriver.deriveAll(uic);
    int epoch = deriver.currentEpoch();
    String current = byEpoch.get(epoch);
    registry.issue(byEpoch, current);
    Map<Integer, String> earlier = new LinkedHashMap<>(byEpoch);
    earlier.remove(epoch);
    return new Issued(current, epoch, earlier);
  }
}
