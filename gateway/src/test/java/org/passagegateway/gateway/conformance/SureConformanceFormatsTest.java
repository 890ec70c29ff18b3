package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The primitive forms the compiled profiles accept without the generic validator: FHIR's own
 * lexical forms, narrowed where the validator has rules of its own (markup in text, OID URNs,
 * relative systems), so that what they accept it accepts too.
 */
class SureConformanceFormatsTest {

  @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      date        | 1995                          | true
      date        | 1995-04                       | true
      date        | 1995-04-02                    | true
      date        | 1995-13-02                    | false
      date        | 1995-04-02T10:00:00Z          | false
      dateTime    | 2026-12-01T10:15:30Z          | true
      dateTime    | 2026-12-01T10:15:30.123+02:00 | true
      dateTime    | 2026-12-01T10:15:30           | false
      dateTime    | 2026-12-01                    | true
      instant     | 2026-12-01T10:15:30Z          | true
      instant     | 2026-12-01                    | false
      code        | presumptive-tb                | true
      code        | two  spaces                   | false
      id          | hr-1.a                        | true
      id          | hr_1                          | false
      string      | Shelter intake                | true
      string      | ' padded '                    | false
      string      | <b>bold</b>                   | false
      string      | fish & chips                  | false
      uri         | https://passage-gateway.org/x | true
      uri         | #request-1                    | true
      uri         | urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e | true
      uri         | urn:uuid:nope                 | false
      uri         | urn:oid:1.2.840               | false
      uri         | has space                     | false
      integer     | -12                           | true
      integer     | 012                           | false
      positiveInt | 0                             | false
      boolean     | true                          | true
      xhtml       | <div/>                        | false
      """)
  void whenAPrimitiveIsCheckedThenOnlyItsAcceptedFormPasses(String type, String text, boolean accepted) {
    assertThat(SureConformance.inFormat(type, text)).isEqualTo(accepted);
  }

  @Test
  void whenASystemIsRelativeThenItIsNotAccepted() {
    assertThat(SureConformance.absolute("http://loinc.org")).isTrue();
    assertThat(SureConformance.absolute("urn:ietf:bcp:47")).isTrue();
    assertThat(SureConformance.absolute("relative")).isFalse();
    assertThat(SureConformance.absolute("#c1")).isFalse();
  }

  @Test
  void whenAValueHoldsAPatternThenEveryElementOfThePatternIsInIt() {
    CodeableConcept pattern = new CodeableConcept(new Coding("http://loinc.org", "59284-0", null));
    CodeableConcept richer = new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Consent Document"))
        .addCoding(new Coding("http://example.org", "x", null));
    CodeableConcept other = new CodeableConcept(new Coding("http://loinc.org", "57016-8", null));

    assertThat(SureConformance.holds(richer, pattern)).isTrue();
    assertThat(SureConformance.holds(other, pattern)).isFalse();
    assertThat(SureConformance.same(richer, pattern)).as("same demands equal elements").isFalse();
    assertThat(SureConformance.same(new StringType("a"), new StringType("a"))).isTrue();
  }
}
