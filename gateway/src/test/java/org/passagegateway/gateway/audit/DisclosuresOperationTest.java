package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;

class DisclosuresOperationTest extends H2GatewayTest {

  private static final String TB = "demo-site-tb-1";
  private static final String ANC = "demo-site-anc-1";

  @Test
  void whenTheCustodianAsksThenItGetsEveryDisclosureOfHerDataToWhomWhatWhenAndUnderWhichConsent() {
    Bundle sent = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(newPseudonym(),
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    String client = idOf(sent, "Patient");
    String task = idOf(sent, "Task");
    String referral = idOf(sent, "ServiceRequest");
    String consent = idOf(sent, "Consent");
    fhirAs(TB).read().resource(Task.class).withId(task).execute();
    fhirAs(TB).read().resource(ServiceRequest.class).withId(referral).execute();
    String newConsent = fhir().create().resource(NetworkBuilders.consent(null, client, "hr-1", List.of("tb-1", "anc-1"),
        List.of(), List.of(), Instant.now())).execute().getId().getIdPart();
    httpAs(TB).get("/fhir/Task?_id=" + task);
    httpAs(ANC).get("/fhir/Task/" + task);

    Bundle disclosures = fhir().operation().onInstance(new IdType("Patient", client)).named("$disclosures")
        .withNoParameters(org.hl7.fhir.r4.model.Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();

    List<AuditEvent> events = disclosures.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
    assertThat(events).extracting(event -> event.getAgentFirstRep().getWho().getReference() + " "
            + event.getEntity().get(1).getWhat().getReferenceElement().toUnqualifiedVersionless().getValue() + " "
            + event.getEntity().get(2).getWhat().getReferenceElement().toUnqualifiedVersionless().getValue())
        .containsExactly(
            "Organization/tb-1 Task/" + task + " Consent/" + consent,
            "Organization/tb-1 ServiceRequest/" + referral + " Consent/" + consent,
            "Organization/tb-1 Task/" + task + " Consent/" + newConsent)
        .as("the antenatal clinic was not a party to the referral: nothing was disclosed to it");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("permit");
      assertThat(event.getRecorded()).isNotNull();
      assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
      assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + client);
    });
  }

  @Test
  void whenAnotherSiteAsksThenTheAnswerIsThatOfAClientWhoDoesNotExist() {
    Response missing = httpAs(TB).get("/fhir/Patient/" + UUID.randomUUID() + "/$disclosures");
    Response others = httpAs(TB).get("/fhir/Patient/client-2/$disclosures");
    assertThat(others.status()).isEqualTo(404);
    assertThat(others.body()).isEqualTo(missing.body());
    assertThat(http().get("/fhir/Patient/client-2/$disclosures").status()).isEqualTo(200);
    assertThat(httpAs(AUDITOR).get("/fhir/Patient/client-2/$disclosures").status()).isEqualTo(403);
  }

  @Test
  void whenTheCustodianHoldsTwoRecordsOfHerThenTheAccountingCoversBoth() {
    String pseudonym = newPseudonym();
    Bundle first = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym,
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    Bundle second = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym,
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    fhirAs(TB).read().resource(Task.class).withId(idOf(first, "Task")).execute();
    fhirAs(TB).read().resource(Task.class).withId(idOf(second, "Task")).execute();

    Bundle disclosures = fhir().operation().onInstance(new IdType("Patient", idOf(first, "Patient"))).named("$disclosures")
        .withNoParameters(org.hl7.fhir.r4.model.Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();

    assertThat(disclosures.getEntry()).extracting(entry -> ((AuditEvent) entry.getResource()).getEntityFirstRep().getWhat()
        .getReference()).containsExactly("Patient/" + idOf(first, "Patient"), "Patient/" + idOf(second, "Patient"));
  }
}
