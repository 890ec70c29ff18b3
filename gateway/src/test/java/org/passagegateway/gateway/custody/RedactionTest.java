package org.passagegateway.gateway.custody;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.consent.ConsentDecision;
import org.passagegateway.gateway.consent.ConsentDecisionEngine;
import org.passagegateway.gateway.consent.ConsentPolicy;
import org.passagegateway.gateway.consent.DisclosureRequest;
import org.passagegateway.gateway.consent.LabelledResource;
import org.passagegateway.gateway.consent.Provision;
import org.passagegateway.gateway.consent.Redaction;
import org.passagegateway.gateway.labeling.LabelingRules;
import org.passagegateway.gateway.labeling.LabelingRulesLoader;
import org.passagegateway.gateway.labeling.ResourceLabeler;
import org.passagegateway.gateway.labeling.SecurityLabels;
import org.passagegateway.terminology.PassageTerminology;

/** From a stored, labelled resource to the engine's decision and back to what the recipient is shown. */
class RedactionTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final LabelingRules RULES = LabelingRulesLoader.fromTerminology(FhirContext.forR4Cached());
  private static final ResourceLabeler LABELER = new ResourceLabeler(RULES,
      id -> Optional.ofNullable(Map.of("anc-1", "antenatal-clinic", "hr-1", "harm-reduction-site").get(id)));

  /** Antenatal clinics may know of the pregnancy (SEX), never of her drug use (ETH). */
  private static final ConsentPolicy CONSENT = new ConsentPolicy("Consent/c-1/_history/1", true, "client-1", "hr-1",
      Provision.of(true).withRecipients(Set.of("anc-1")).withPurposes(Set.of("COC"))
          .withExceptions(List.of(Provision.of(true).withLabels(Set.of("SEX")),
              Provision.of(false).withLabels(Set.of("ETH")))));

  @Test
  void whenAPermittedReferralHasAReasonTheRecipientMayNotKnowThenOnlyThatReasonIsRemoved() {
    ServiceRequest referral = stored(new ServiceRequest());
    referral.setSubject(new Reference("Patient/client-1"));
    referral.setCode(new CodeableConcept(new Coding(PassageTerminology.SERVICE_TYPE, "prenatal-care", null)));
    referral.addPerformer(new Reference("Organization/anc-1"));
    referral.addReasonCode(reason("pregnancy-care"));
    referral.addReasonCode(reason("opioid-dependence"));
    SecurityLabels.record(referral, LABELER.labels(referral), RULES);

    LabelledResource seen = DisclosedResources.of(referral).orElseThrow();
    ConsentDecision decision = new ConsentDecisionEngine()
        .decide(new DisclosureRequest("anc-1", "antenatal-clinic", "COC", NOW), seen, CONSENT);
    Redaction.apply(referral, decision);

    assertThat(seen.patient()).isEqualTo("client-1");
    assertThat(seen.custodian()).isEqualTo("hr-1");
    assertThat(decision.outcome()).isEqualTo(ConsentDecision.Outcome.REDACT);
    assertThat(decision.withheldLabels()).containsExactly("ETH");
    assertThat(referral.getReasonCode()).extracting(r -> r.getCodingFirstRep().getCode()).containsExactly("pregnancy-care");
  }

  @Test
  void whenAClientRecordNamesHerHarmReductionSiteThenThatReferenceIsRemovedForAnAntenatalClinic() {
    Patient client = stored(new Patient());
    client.setId("client-1");
    client.setManagingOrganization(new Reference("Organization/hr-1"));
    SecurityLabels.record(client, LABELER.labels(client), RULES);

    ConsentDecision decision = new ConsentDecisionEngine().decide(
        new DisclosureRequest("anc-1", "antenatal-clinic", "COC", NOW), DisclosedResources.of(client).orElseThrow(), CONSENT);
    Redaction.apply(client, decision);

    assertThat(decision.redactedElements()).containsExactly("managingOrganization");
    assertThat(client.hasManagingOrganization()).isFalse();
  }

  @Test
  void whenAResourceHasNoRecordedCustodianOrNoClientThenTheEngineIsNotAskedAtAll() {
    ServiceRequest unattributed = new ServiceRequest();
    unattributed.setId("sr-9");
    unattributed.setSubject(new Reference("Patient/client-1"));
    Task orphan = stored(new Task());
    assertThat(DisclosedResources.of(unattributed)).isEmpty();
    assertThat(DisclosedResources.of(orphan)).isEmpty();
  }

  private static <T extends org.hl7.fhir.r4.model.Resource> T stored(T resource) {
    resource.setId(resource.fhirType().equals("Patient") ? "client-1" : "r-1");
    Custodians.assign(resource, "hr-1");
    return resource;
  }

  private static CodeableConcept reason(String code) {
    return new CodeableConcept(new Coding(PassageTerminology.REFERRAL_REASON, code, null));
  }
}
