package org.passagegateway.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The second factor against RFC 6238's reference vectors (SHA-1, the last six of its eight digits). */
class OneTimeCodesTest {

  private static final String RFC_SECRET = new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
  private final OneTimeCodes codes = new OneTimeCodes();

  @ParameterizedTest
  @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
      "20000000000, 353130"})
  void whenTheTimeIsAnRfc6238TestTimeThenTheCodeIsItsVector(long seconds, String code) {
    assertThat(codes.codeAt(RFC_SECRET, Instant.ofEpochSecond(seconds))).isEqualTo(code);
  }

  @Test
  void whenACodeIsOfTheStepBeforeOrAfterThenItMatchesThatStepAndTwoStepsAwayItDoesNot() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    long step = now.getEpochSecond() / 30;

    assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now), now)).hasValue(step);
    assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now.minusSeconds(30)), now)).hasValue(step - 1);
    assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now.plusSeconds(30)), now)).hasValue(step + 1);
    assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now.plusSeconds(90)), now)).isEmpty();
    assertThat(codes.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
    assertThat(codes.matchingStep(RFC_SECRET, null, now)).isEmpty();
  }

  @Test
  void whenASecretIsMadeThenItIsTwentyRandomBytesInBase32AndTheUriNamesIssuerAndAccount() {
    String secret = codes.newSecret();

    assertThat(new Base32().decode(secret)).hasSize(20);
    assertThat(codes.newSecret()).isNotEqualTo(secret);
    assertThat(codes.provisioningUri("Passage", "ana.k", secret)).isEqualTo("otpauth://totp/Passage%3Aana.k?secret="
        + secret + "&issuer=Passage&algorithm=SHA1&digits=6&period=30");
  }
}
