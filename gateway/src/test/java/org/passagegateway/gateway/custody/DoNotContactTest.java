package org.passagegateway.gateway.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.passagegateway.testdata.NetworkBuilders;

/** The do-not-contact instruction and what is removed from a client it protects. */
class DoNotContactTest {

  @Test
  void whenAClientMustNotBeContactedThenEveryWayOfReachingHerIsRemovedAndHerPseudonymKept() {
    Patient client = NetworkBuilders.client("client-3", "PSN-9B2X-4N7R", 1993);
    client.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+00 555 0101"));
    client.addAddress(new Address().setCity("Eastgate"));
    client.addContact().getName().setFamily("Partner");
    client.addPhoto().setUrl("https://example.org/photo");
    client.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));

    DoNotContact.redact(client);

    assertThat(client.getTelecom()).isEmpty();
    assertThat(client.getAddress()).isEmpty();
    assertThat(client.getContact()).isEmpty();
    assertThat(client.getPhoto()).isEmpty();
    assertThat(client.hasText()).isFalse();
    assertThat(client.getIdentifierFirstRep().getValue()).isEqualTo("PSN-9B2X-4N7R");
  }

  @Test
  void whenAReferralCarriesTheInstructionThenItSaysDoNotContactOnlyWhenTheFlagIsTrue() {
    ServiceRequest referral = NetworkBuilders.referral("sr-1", "client-3", "hr-1", "shelter-1", "shelter",
        ServiceRequest.ServiceRequestPriority.ASAP, Instant.parse("2026-11-02T09:00:00Z"), "violence-safety");
    assertThat(DoNotContact.says(referral)).isFalse();
    assertThat(DoNotContact.says(NetworkBuilders.contactSafety(referral.copy(), false, "evenings only"))).isFalse();
    assertThat(DoNotContact.says(NetworkBuilders.contactSafety(referral.copy(), true, null))).isTrue();
  }
}
