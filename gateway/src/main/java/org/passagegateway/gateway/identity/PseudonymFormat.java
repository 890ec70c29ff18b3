package org.passagegateway.gateway.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a network pseudonym is written: {@code <epoch>-XXXX-XXXX-XXXX-C}. The epoch (1 to 99) names
 * the key it was derived with; the twelve characters (Crockford's base 32: no I, L, O or U) carry
 * 60 bits of the keyed digest; the last character is an ISO 7064 MOD 37-2 check character over
 * the epoch and the value, which catches every single mistyped character and every swap of two
 * adjacent ones, so that a mistyped pseudonym is refused rather than matched to nobody.
 *
 * <p>Written here rather than taken from a library: Apache Commons Validator, the usual home of
 * check digits, has ISO 7064 MOD 97-10 (IBAN) but not the alphanumeric MOD 37-2.
 */
public final class PseudonymFormat {

  /** The value's alphabet: Crockford's base 32. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  /** ISO 7064 MOD 37-2's character set: a character's value is its place here. */
  static final String CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
  private static final int MODULUS = 37;
  private static final int VALUE_LENGTH = 12;
  private static final Pattern FORMAT =
      Pattern.compile("([1-9][0-9]?)-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z*])");

  /** A pseudonym read from its written form: its epoch and its twelve characters. */
  public record Pseudonym(int epoch, String value) {

    /** The written form, check character included. */
    public String text() {
      return write(epoch, value);
    }
  }

  private PseudonymFormat() {}

  /** The written form of the first 60 bits of {@code digest} under {@code epoch}. */
  static String write(int epoch, byte[] digest) {
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (digest[i] & 0xff);
    }
    bits >>>= 4; // the first 60 bits
    char[] value = new char[VALUE_LENGTH];
    for (int i = VALUE_LENGTH - 1; i >= 0; i--) {
      value[i] = ALPHABET.charAt((int) (bits & 31));
      bits >>>= 5;
    }
    return write(epoch, new String(value));
  }

  private static String write(int epoch, String value) {
    if (epoch < 1 || epoch > 99) {
      throw new IllegalArgumentException("a pseudonym's epoch is from 1 to 99");
    }
    return epoch + "-" + value.substring(0, 4) + "-" + value.substring(4, 8) + "-" + value.substring(8, 12) + "-"
        + check(epoch + value);
  }

  /**
   * The pseudonym written in {@code text} (letters in either case), or empty when the text is not
   * one: not of the format, a character outside the alphabet, or a check character that does not
   * match (a typing error).
   */
  public static Optional<Pseudonym> read(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String value = matcher.group(2) + matcher.group(3) + matcher.group(4);
    for (char c : value.toCharArray()) {
      if (ALPHABET.indexOf(c) < 0) {
        return Optional.empty();
      }
    }
    int epoch = Integer.parseInt(matcher.group(1));
    return check(epoch + value) == matcher.group(5).charAt(0) ? Optional.of(new Pseudonym(epoch, value)) : Optional.empty();
  }

  /** Whether the text has the shape of an issued pseudonym, whatever its check character says. */
  public static boolean looksIssued(String text) {
    return text != null && FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT)).matches();
  }

  /** ISO 7064 MOD 37-2 (a pure system, radix 2): the check character of {@code payload}. */
  static char check(String payload) {
    int sum = 0;
    for (char c : payload.toCharArray()) {
      int value = CHECK_ALPHABET.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not a character of ISO 7064 MOD 37-2");
      }
      sum = ((sum + value) * 2) % MODULUS;
    }
    return CHECK_ALPHABET.charAt((MODULUS + 1 - sum) % MODULUS);
  }
}
