package org.passagegateway.gateway.identity;

import java.util.List;

/**
 * How many other women of the network are expected to share a woman's UIC, from the network's size
 * and the UIC's structure. Answers are far from uniform (names cluster, birth years crowd into a
 * few decades, and the network serves women), so each part counts with the number of values it
 * effectively takes, not the number it could: the first letter of a name as 12 (of 26), two letters
 * as 40 (of 676; a few dozen starts cover most names), each further letter as 8 more, a sex as 1, a
 * birth year as 30, a birth month as 12. With the default UIC that is about 576,000 codes, so a
 * network of 20,000 women expects 3.5 % of them to share hers, as key-population programmes report. These are the assumptions behind the estimate, stated in
 * its answer; a network that knows its own figures can only make them smaller.
 */
final class CollisionEstimate {

  private final double effectiveCodes;
  private final double confirmFrom;

  /**
   * @param confirmFrom from this expected share on, two women are likely enough to share a
   *     pseudonym that linking waits for a second factor
   */
  CollisionEstimate(List<UicPart> parts, double confirmFrom) {
    this.confirmFrom = confirmFrom;
    double codes = 1;
    for (UicPart part : parts) {
      codes *= switch (part.kind()) {
        case LETTERS -> part.length() == 1 ? 12 : 40 * Math.pow(8, part.length() - 2.0);
        case SEX -> 1;
        case YEAR -> 30;
        case MONTH -> 12;
      };
    }
    this.effectiveCodes = codes;
  }

  /** The number of other women expected to share one woman's UIC in a network of {@code women}. */
  double expectedSharing(long women) {
    return Math.max(0, women - 1) / effectiveCodes;
  }

  /** Whether a record should be linked to others of the same pseudonym only after the site confirms it is her. */
  boolean needsConfirmation(long women) {
    return expectedSharing(women) >= confirmFrom;
  }
}
