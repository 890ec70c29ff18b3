package org.passagegateway.gateway.identity;

/**
 * One part of the network's unique identifier code (UIC): an answer a woman can give the same way
 * at every site.
 *
 * @param code the part's name, as a site sends it to {@code $pseudonym} (and its code in the IG's
 *     code system of UIC parts)
 * @param kind what the answer is, which says how it is normalized
 * @param length how many characters of it the code keeps (letters: the first ones)
 * @param unknown what stands for an answer she does not know or will not give
 */
public record UicPart(String code, Kind kind, int length, String unknown) {

  /** What an answer is. */
  public enum Kind {
    /** A name: its first letters, without diacritics, in capitals. */
    LETTERS,
    /** Sex: F, M or X. */
    SEX,
    /** A year: four digits. */
    YEAR,
    /** A month: 01 to 12. */
    MONTH
  }

  public UicPart {
    if (code == null || !code.matches("[a-z][a-z0-9-]{0,39}")) {
      throw new IllegalArgumentException("passage.identity.uic: a part's code is lower case letters, digits and -");
    }
    if (kind == null) {
      throw new IllegalArgumentException("passage.identity.uic: part " + code + " needs a kind");
    }
    if (length < 1 || length > 8) {
      throw new IllegalArgumentException("passage.identity.uic: part " + code + " keeps 1 to 8 characters");
    }
    if (unknown == null || unknown.length() != length) {
      throw new IllegalArgumentException("passage.identity.uic: part " + code + "'s filler for an unknown answer"
          + " is as long as the part");
    }
  }
}
