package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The check character catches every single mistyped character and every swap of two adjacent ones. */
class PseudonymFormatTest {

  private static final String TYPEABLE = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

  @Test
  void whenAPseudonymIsWrittenThenItReadsBackWithItsEpochAndValue() {
    String written = PseudonymFormat.write(7, digest(new Random(1)));

    assertThat(written).matches("7-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-Z*]");
    assertThat(PseudonymFormat.read(written)).hasValueSatisfying(read -> {
      assertThat(read.epoch()).isEqualTo(7);
      assertThat(read.text()).isEqualTo(written);
    });
    assertThat(PseudonymFormat.read(written.toLowerCase())).as("letters in either case").isPresent();
  }

  @Test
  void whenAnySingleCharacterIsMistypedThenThePseudonymIsRefused() {
    Random random = new Random(20261207);
    for (int sample = 0; sample < 200; sample++) {
      String written = PseudonymFormat.write(1 + random.nextInt(99), digest(random));
      for (String typo : singleSubstitutions(written)) {
        assertThat(PseudonymFormat.read(typo)).as(written + " typed as " + typo).isEmpty();
      }
    }
  }

  @Test
  void whenAnyTwoAdjacentCharactersAreSwappedThenThePseudonymIsRefused() {
    Random random = new Random(7);
    for (int sample = 0; sample < 500; sample++) {
      String written = PseudonymFormat.write(1 + random.nextInt(99), digest(random));
      String plain = written.replace("-", "");
      for (int i = 0; i + 1 < plain.length(); i++) {
        if (plain.charAt(i) == plain.charAt(i + 1)) {
          continue;
        }
        char[] swapped = plain.toCharArray();
        swapped[i] = plain.charAt(i + 1);
        swapped[i + 1] = plain.charAt(i);
        String typo = rehyphenate(written, new String(swapped));
        assertThat(PseudonymFormat.read(typo)).as(written + " typed as " + typo).isEmpty();
      }
    }
  }

  @Test
  void whenTheTextIsNotOfTheFormatThenItIsNotAPseudonym() {
    for (String text : List.of("", "PSN-7Q4K-2M9D", "0-AAAA-AAAA-AAAA-A", "100-AAAA-AAAA-AAAA-A", "1-AAAA-AAAA-AAA-A",
        "1-IIII-AAAA-AAAA-A", "1 AAAA AAAA AAAA A")) {
      assertThat(PseudonymFormat.read(text)).as(text).isEmpty();
    }
    assertThat(PseudonymFormat.read(null)).isEmpty();
  }

  /** Every text that differs from the written pseudonym in one character (epoch digits, value or check). */
  private static List<String> singleSubstitutions(String written) {
    List<String> typos = new ArrayList<>();
    for (int i = 0; i < written.length(); i++) {
      if (written.charAt(i) == '-') {
        continue;
      }
      for (char c : TYPEABLE.toCharArray()) {
        if (c != written.charAt(i) && !(i == 0 && c == '0') && !(i == 0 && c == '*')) {
          typos.add(written.substring(0, i) + c + written.substring(i + 1));
        }
      }
    }
    return typos;
  }

  private static String rehyphenate(String shape, String plain) {
    StringBuilder text = new StringBuilder();
    int next = 0;
    for (char c : shape.toCharArray()) {
      text.append(c == '-' ? '-' : plain.charAt(next++));
    }
    return text.toString();
  }

  private static byte[] digest(Random random) {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    return digest;
  }
}
