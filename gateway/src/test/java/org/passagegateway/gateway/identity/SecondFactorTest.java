package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.Pseudonyms;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * Where two women may well share a pseudonym (here: a network that always asks), records of one
 * pseudonym are linked only when they carry the same second factor, derived from a card number or
 * PIN she holds; never from the factor itself, which the gateway does not keep.
 */
class SecondFactorTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Map<String, String> HER = Map.of("mother-given-name", "Grace", "given-name", "Wanjiru", "sex", "F",
      "birth-year", "1990", "birth-month", "8");

  @Test
  void whenLinkingNeedsConfirmationThenOnlyRecordsWithHerSecondFactorAreLinked() {
    try (RunningGateway gateway = RunningGateway.start(H2GatewayTest.h2Url(H2GatewayTest.newDataDir()), "sa", "",
        "--passage.identity.confirm-linking-from=0")) {
      RawHttp antenatal = gateway.httpAs("demo-site-anc-1");
      Parameters atAntenatal = derive(antenatal, "card 4471-09");
      String pseudonym = ((Identifier) atAntenatal.getParameter("pseudonym").getValue()).getValue();
      Identifier factor = (Identifier) atAntenatal.getParameter("second-factor").getValue();
      assertThat(((org.hl7.fhir.r4.model.BooleanType) atAntenatal.getParameter("confirm-before-linking").getValue())
          .booleanValue()).isTrue();
      assertThat(factor.getSystem()).isEqualTo(PassageTerminology.CLIENT_SECOND_FACTOR);
      assertThat(factor.getValue()).doesNotContain("4471");
      Patient own = NetworkBuilders.client(null, pseudonym, 1990);
      own.addIdentifier(factor.copy());
      String ownId = gateway.fhirAs("demo-site-anc-1").create().resource(own).execute().getId().getIdPart();
      String withoutFactor = gateway.fhirAs("demo-site-anc-1").create().resource(NetworkBuilders.client(null, pseudonym,
          1990)).execute().getId().getIdPart();

      // The harm reduction site registers her with the same card, typed otherwise, and refers her.
      Parameters atHarmReduction = derive(gateway.httpAs("demo-site-hr-1"), "CARD447109");
      assertThat(((Identifier) atHarmReduction.getParameter("second-factor").getValue()).getValue())
          .isEqualTo(factor.getValue());
      org.hl7.fhir.r4.model.Bundle referral = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1",
          "prenatal-care", "pregnancy-care", java.time.Instant.now());
      ((Patient) referral.getEntryFirstRep().getResource()).addIdentifier(factor.copy());
      org.hl7.fhir.r4.model.Bundle sent = gateway.fhir().transaction().withBundle(referral).execute();
      String referred = sent.getEntry().stream().map(e -> e.getResponse().getLocation())
          .filter(l -> l.startsWith("Patient/")).findFirst().orElseThrow().split("/")[1];

      Patient shown = gateway.fhirAs("demo-site-anc-1").read().resource(Patient.class).withId(referred).execute();
      assertThat(shown.getLink()).extracting(link -> link.getOther().getReference())
          .containsExactly("Patient/" + ownId).doesNotContain("Patient/" + withoutFactor);

      // Another card: another factor, so another woman as far as linking goes.
      assertThat(((Identifier) derive(antenatal, "9911-22").getParameter("second-factor").getValue()).getValue())
          .isNotEqualTo(factor.getValue());
    }
  }

  private static Parameters derive(RawHttp site, String held) {
    Parameters in = Pseudonyms.parameters(HER);
    in.addParameter().setName("second-factor").setValue(new StringType(held));
    RawHttp.Response response = site.send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(in).getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("447109").doesNotContain("Wanjiru");
    return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
  }
}
