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
}
