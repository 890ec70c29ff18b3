package org.passagegateway.gateway.identity;

import java.text.Normalizer;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.passagegateway.gateway.error.PassageError;

/**
 * Turns a woman's answers into the network's UIC, the same whichever site types them and however:
 * case, diacritics, spaces, hyphens and apostrophes do not count, and an answer she does not know
 * becomes the part's agreed filler. A part that cannot be read is refused naming the part, never
 * repeating the answer.
 */
final class UicNormalizer {

  /** Written with a part's answer to say she does not know it (or will not say). */
  static final String UNKNOWN = "unknown";
  private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}]+");
  private static final Map<String, String> LIGATURES = Map.ofEntries(Map.entry("Ø", "O"), Map.entry("Æ", "AE"),
      Map.entry("Œ", "OE"), Map.entry("Ł", "L"), Map.entry("Đ", "D"), Map.entry("Ð", "D"), Map.entry("Þ", "TH"),
      Map.entry("ß", "SS"), Map.entry("ı", "I"));
  private static final Map<String, String> SEXES = Map.ofEntries(Map.entry("F", "F"), Map.entry("FEMALE", "F"),
      Map.entry("W", "F"), Map.entry("WOMAN", "F"), Map.entry("M", "M"), Map.entry("MALE", "M"), Map.entry("MAN", "M"),
      Map.entry("X", "X"), Map.entry("OTHER", "X"), Map.entry("INTERSEX", "X"));

  private final List<UicPart> parts;

  UicNormalizer(List<UicPart> parts) {
    this.parts = List.copyOf(parts);
  }

  List<UicPart> parts() {
    return parts;
  }

  /**
   * The normalized UIC: each part's normalized answer, in the network's order, joined by '|'.
   *
   * @param answers the answers by part code; a part not answered is refused (an unknown answer is
   *     said with {@value #UNKNOWN})
   */
  String normalize(Map<String, String> answers) {
    StringBuilder uic = new StringBuilder();
    for (UicPart part : parts) {
      String answer = answers.get(part.code());
      if (answer == null || answer.isBlank()) {
        throw PassageError.UIC_PART_INVALID.exception(part.code());
      }
      if (!uic.isEmpty()) {
        uic.append('|');
      }
      uic.append(answer.trim().equalsIgnoreCase(UNKNOWN) ? part.unknown()
          : normalize(part, answer).orElseThrow(() -> PassageError.UIC_PART_INVALID.exception(part.code())));
    }
    for (String code : answers.keySet()) {
      if (parts.stream().noneMatch(part -> part.code().equals(code))) {
        throw PassageError.UIC_PART_UNKNOWN.exception();
      }
    }
    return uic.toString();
  }

  private static Optional<String> normalize(UicPart part, String answer) {
    return switch (part.kind()) {
      case LETTERS -> letters(answer, part);
      case SEX -> Optional.ofNullable(SEXES.get(answer.trim().toUpperCase(Locale.ROOT)));
      case YEAR -> number(answer, 1900, Year.now().getValue()).map(year -> String.format(Locale.ROOT, "%04d", year));
      case MONTH -> number(answer, 1, 12).map(month -> String.format(Locale.ROOT, "%02d", month));
    };
  }

  /** The first letters of a name, in capitals without diacritics; a shorter name is padded with the filler's last character. */
  private static Optional<String> letters(String answer, UicPart part) {
    String upper = answer.toUpperCase(Locale.ROOT);
    for (Map.Entry<String, String> ligature : LIGATURES.entrySet()) {
      upper = upper.replace(ligature.getKey().toUpperCase(Locale.ROOT), ligature.getValue());
    }
    String plain = NOT_LETTER.matcher(COMBINING.matcher(Normalizer.normalize(upper, Normalizer.Form.NFD)).replaceAll(""))
        .replaceAll("").toUpperCase(Locale.ROOT);
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder kept = new StringBuilder(plain.codePointCount(0, plain.length()) > part.length()
        ? plain.substring(0, plain.offsetByCodePoints(0, part.length())) : plain);
    while (kept.codePointCount(0, kept.length()) < part.length()) {
      kept.append(part.unknown().charAt(part.unknown().length() - 1));
    }
    return Optional.of(kept.toString());
  }

  private static Optional<Integer> number(String answer, int lowest, int highest) {
    String digits = answer.trim();
    if (!digits.matches("[0-9]{1,4}")) {
      return Optional.empty();
    }
    int value = Integer.parseInt(digits);
    return value >= lowest && value <= highest ? Optional.of(value) : Optional.empty();
  }
}
