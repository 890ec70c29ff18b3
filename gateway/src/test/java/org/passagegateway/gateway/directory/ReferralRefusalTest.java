package org.passagegateway.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * A network that refuses unfit referrals ({@code passage.directory.refuse=no-capacity,eligibility}):
 * over HTTP, on the demo network, whose shelter does not declare that it accepts women who currently
 * use drugs. The refused referral leaves nothing behind; a waiting list is still only a warning.
 */
class ReferralRefusalTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Test
  void whenTheNetworkRefusesUnfitReferralsThenEligibilityAndNoCapacityAreRefusedUpFrontAndNothingIsWritten() {
    try (RunningGateway gateway = RunningGateway.start(H2GatewayTest.h2Url(H2GatewayTest.newDataDir()), "sa", "",
        "--passage.directory.refuse=no-capacity,eligibility")) {
      String drugUse = gateway.newPseudonym();
      Response ineligible = send(gateway, ReferralTransactions.newClientReferral(drugUse, "hr-1", "shelter-1", "shelter",
          "opioid-dependence", Instant.now()));
      Response waitlisted = send(gateway, ReferralTransactions.newClientReferral(gateway.newPseudonym(), "hr-1", "ost-1",
          "ost", "ost-continuity", Instant.now()));
      Parameters full = new Parameters();
      full.addParameter().setName("status").setValue(new org.hl7.fhir.r4.model.CodeType("no-capacity"));
      Response published = gateway.httpAs("demo-site-shelter-1").send("POST",
          "/fhir/HealthcareService/hs-shelter-1-place/$capacity", "application/fhir+json",
          FHIR.newJsonParser().encodeResourceToString(full).getBytes(StandardCharsets.UTF_8));
      Response noPlace = send(gateway, ReferralTransactions.newClientReferral(gateway.newPseudonym(), "hr-1", "shelter-1",
          "shelter", "housing", Instant.now()));

      assertThat(ineligible.status()).isEqualTo(422);
      assertThat(ineligible.passageCode()).isEqualTo("PASSAGE-8004");
      assertThat(ineligible.outcome().getIssueFirstRep().getDiagnostics())
          .contains("does not declare that it accepts women who currently use drugs");
      assertThat(gateway.jdbc().queryForObject("select count(*) from psg_client_fact where woman = ?", Integer.class,
          drugUse)).as("nothing of the refused referral was written").isZero();
      assertThat(waitlisted.status()).isEqualTo(200);
      assertThat(waitlisted.body()).contains("keeps a waiting list for new clients");
      assertThat(published.status()).isEqualTo(200);
      assertThat(noPlace.status()).isEqualTo(422);
      assertThat(noPlace.outcome().getIssueFirstRep().getDiagnostics()).contains("declares that it has no place now");
    }
  }

  private static Response send(RunningGateway gateway, Bundle referral) {
    return gateway.httpAs("demo-site-hr-1").send("POST", "/fhir", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(referral).getBytes(StandardCharsets.UTF_8));
  }
}
