package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Derivation is a function of the UIC under one key and epoch; under another key it is unrelated. */
class PseudonymDeriverProperties {

  @Property(tries = 200)
  void whenTheSameUicIsDerivedTwiceUnderOneKeyThenThePseudonymIsTheSame(@ForAll("keys") String key, @ForAll("uics") String uic) {
    PseudonymDeriver deriver = new PseudonymDeriver(PseudonymKeys.of(key));

    assertThat(deriver.derive(uic)).isEqualTo(new PseudonymDeriver(PseudonymKeys.of(key)).derive(uic));
    assertThat(PseudonymFormat.read(deriver.derive(uic))).isPresent();
  }

  @Property(tries = 200)
  void whenTheKeysDifferThenThePseudonymsOfOneUicShareNoValue(@ForAll("keys") String one, @ForAll("keys") String other,
      @ForAll("uics") String uic) {
    String first = new PseudonymDeriver(PseudonymKeys.of(one)).derive(uic);
    String second = new PseudonymDeriver(PseudonymKeys.of(other)).derive(uic);

    assertThat(one.equals(other) || !first.substring(2, 16).equals(second.substring(2, 16))).isTrue();
  }

  @Property(tries = 200)
  void whenTwoUicsDifferThenTheirPseudonymsDiffer(@ForAll("keys") String key, @ForAll("uics") String one,
      @ForAll("uics") String other) {
    PseudonymDeriver deriver = new PseudonymDeriver(PseudonymKeys.of(key));

    assertThat(one.equals(other) || !deriver.derive(one).equals(deriver.derive(other))).isTrue();
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(bytes -> Base64.getEncoder().encodeToString(bytes));
  }

  @Provide
  Arbitrary<String> uics() {
    Arbitrary<String> letters = Arbitraries.strings().withCharRange('A', 'Z').ofLength(2);
    return net.jqwik.api.Combinators.combine(letters, letters, Arbitraries.of("F", "M", "X", "9"),
        Arbitraries.integers().between(1940, 2010), Arbitraries.integers().between(1, 12))
        .as((mother, given, sex, year, month) -> mother + "|" + given + "|" + sex + "|" + year + "|" + String.format("%02d", month));
  }
}
