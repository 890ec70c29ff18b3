package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

  @Test
  void whenAMessageQuotesAValueThenTheValueIsBlankedButTheElementNameKept() {
    String hapi = "HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"1990-13-45\": Invalid date/time format: \"1990-13-45\"";

    String clean = ErrorMessages.sanitize(hapi);

    assertThat(clean).doesNotContain("1990-13-45").doesNotContain("HAPI-")
        .contains("element=\"birthDate\"").contains("Invalid attribute value \"…\"");
  }

  @Test
  void whenAMessageIsWrappedThenEveryHapiCodeIsFoundOutermostFirst() {
    assertThat(ErrorMessages.hapiCodes("HAPI-0550: HAPI-0989: Trying to update Patient/1/_history/1"))
        .containsExactly(550, 989);
    assertThat(ErrorMessages.hapiCodes("no code here")).isEmpty();
    assertThat(ErrorMessages.hapiCodes(null)).isEmpty();
  }

  @Test
  void whenAMessageIsVeryLongThenItIsCut() {
    assertThat(ErrorMessages.sanitize("x".repeat(10_000))).hasSizeLessThan(510);
  }

  @Test
  void whenAValidatorMessageQuotesValuesThenTheyAreBlankedButPathsAndDefinitionsKept() {
    String validator = "The value provided ('PSN-7Q4K-2M9D') was not found in the value set 'Passage sites' "
        + "(https://passage-gateway.org/fhir/ValueSet/passage-site-type|0.1.0), and a code is required; "
        + "Unknown code 'urn:example#MRN-4711' at 'Patient.identifier[0].system'";

    String clean = ErrorMessages.sanitizeValidation(validator);

    assertThat(clean).doesNotContain("PSN-7Q4K-2M9D").doesNotContain("MRN-4711").doesNotContain("Passage sites")
        .contains("https://passage-gateway.org/fhir/ValueSet/passage-site-type|0.1.0")
        .contains("'Patient.identifier[0].system'")
        .contains("The value provided ('…')");
  }

  @Test
  void whenAnInvariantFailsThenItsDescriptionIsKeptEvenWithAnApostrophe() {
    String validator = "Constraint failed: passage-shelter-no-address: 'A women's shelter publishes no address.' "
        + "(defined in https://passage-gateway.org/fhir/StructureDefinition/passage-site)";

    assertThat(ErrorMessages.sanitizeValidation(validator)).isEqualTo(validator);
  }

  @Test
  void whenAValidatorQuotesACapitalizedWordOrDottedNameThenItIsBlankedAsAValue() {
    String validator = "The value 'Doe' is not allowed; 'Jane.Doe' either; see 'Patient.name[0].family'";

    String clean = ErrorMessages.sanitizeValidation(validator);

    assertThat(clean).doesNotContain("Doe'").doesNotContain("Jane").contains("'Patient.name[0].family'");
  }
}
