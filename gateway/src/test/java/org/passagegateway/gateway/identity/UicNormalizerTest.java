package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.passagegateway.gateway.error.PassageException;

/** The same woman typed four ways gives one UIC; one different answer gives another. */
class UicNormalizerTest {

  private final UicNormalizer normalizer = new UicNormalizer(IdentityProperties.DEFAULT_UIC);

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "Lucía; Ana; F; 1996; 3",
      "LUCIA; ana; female; 1996; 03",
      "  lu-cia ; A n a ; f; 1996 ; 3 ",
      "Lùcîà; 'Ana; woman; 1996; 3"})
  void whenTheSameWomanIsTypedDifferentlyThenHerUicIsTheSame(String mother, String given, String sex, String year,
      String month) {
    assertThat(normalizer.normalize(answers(mother, given, sex, year, month))).isEqualTo("LU|AN|F|1996|03");
  }

  @Test
  void whenOneAnswerDiffersThenTheUicDiffers() {
    String her = normalizer.normalize(answers("Lucía", "Ana", "F", "1996", "3"));

    assertThat(normalizer.normalize(answers("Lucía", "Ana", "F", "1996", "4"))).isNotEqualTo(her);
    assertThat(normalizer.normalize(answers("Maria", "Ana", "F", "1996", "3"))).isNotEqualTo(her);
    assertThat(normalizer.normalize(answers("Lucía", "Ana", "F", "1997", "3"))).isNotEqualTo(her);
  }

  @Test
  void whenAnAnswerIsUnknownOrShortThenTheAgreedFillerStandsForIt() {
    assertThat(normalizer.normalize(answers("unknown", "Jo", "F", "unknown", "UNKNOWN"))).isEqualTo("99|JO|F|9999|99");
    assertThat(normalizer.normalize(answers("Ø", "Æsa", "x", "1980", "12"))).isEqualTo("O9|AE|X|1980|12");
  }

  @Test
  void whenAnAnswerCannotBeReadThenThePartIsNamedAndTheAnswerNeverRepeated() {
    for (Map<String, String> bad : new Map[] {answers("", "Ana", "F", "1996", "3"), answers("Lucía", "42", "F", "1996", "3"),
        answers("Lucía", "Ana", "F", "1850", "3"), answers("Lucía", "Ana", "F", "1996", "13"),
        answers("Lucía", "Ana", "hiv-positive", "1996", "3")}) {
      assertThatThrownBy(() -> normalizer.normalize(bad)).isInstanceOf(PassageException.class)
          .satisfies(e -> assertThat(((PassageException) e).getOperationOutcome().getIssueFirstRep().getDiagnostics())
              .startsWith("PASSAGE-6001").doesNotContain("hiv-positive").doesNotContain("1850").doesNotContain("42"));
    }
    Map<String, String> extra = new HashMap<>(answers("Lucía", "Ana", "F", "1996", "3"));
    extra.put("favourite-colour", "green");
    assertThatThrownBy(() -> normalizer.normalize(extra)).isInstanceOf(PassageException.class)
        .hasMessageContaining("PASSAGE-6002").hasMessageNotContaining("favourite-colour");
  }

  static Map<String, String> answers(String mother, String given, String sex, String year, String month) {
    return Map.of("mother-given-name", mother, "given-name", given, "sex", sex, "birth-year", year, "birth-month", month);
  }
}
