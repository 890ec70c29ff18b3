package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.utilities.OIDUtilities;
import org.junit.jupiter.api.Test;

/**
 * The validator library finds Passage's empty OID registry before its own (see
 * {@code oidregistry.csv} in the gateway's resources): parsing the library's 21,000 lines for every
 * validation was 39% of a referral transaction's CPU.
 */
class OidRegistryTest {

  @Test
  void whenTheValidatorLibraryLoadsItsOidRegistryThenItGetsPassagesEmptyOne() {
    OIDUtilities registry = new OIDUtilities();

    assertThat(registry.isKnownOID("2.16.840.1.113883")).as("HL7's root OID, the library's first entry").isFalse();
    assertThat(OIDUtilities.isValidOID("2.16.840.1.113883")).as("OID syntax checks do not need the registry").isTrue();
  }
}
