package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.consent.ConsentDecision.Outcome;
import org.passagegateway.gateway.support.PackageExamples;

class ConsentPolicyReaderTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private final ConsentPolicyReader reader = new ConsentPolicyReader();
  private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

  @Test
  void whenTheAntenatalExampleIsReadThenItsBaseRuleAndExceptionsAreKept() {
    Consent example = PackageExamples.get("Consent/consent-client-1");
    ConsentPolicy policy = reader.read(example);

    assertThat(policy.active()).isTrue();
    assertThat(policy.patient()).isEqualTo("client-1");
    assertThat(policy.custodian()).isEqualTo("hr-1");
    Provision root = policy.root();
    assertThat(root.permit()).isTrue();
    assertThat(root.recipientSiteTypes()).containsExactly("antenatal-clinic");
    assertThat(root.purposes()).containsExactlyInAnyOrder("TREAT", "COC");
    assertThat(root.exceptions()).hasSize(2);
    assertThat(root.exceptions().get(0).permit()).isFalse();
    assertThat(root.exceptions().get(0).labels()).containsExactly("ETH");
    assertThat(root.exceptions().get(1).permit()).isTrue();
    assertThat(root.exceptions().get(1).labels()).containsExactly("SEX");
  }

  @Test
  void whenADateOnlyPeriodEndIsReadThenTheWholeLastDayIsIncluded() {
    ConsentPolicy policy = reader.read(PackageExamples.get("Consent/consent-client-1"));
    LabelledResource referral = new LabelledResource("ServiceRequest/sr-1", "client-1", "hr-1", Set.of(), Map.of());
    DisclosureRequest lastEvening = new DisclosureRequest("anc-1", "antenatal-clinic", "COC",
        policy.root().end().minusSeconds(60));
    DisclosureRequest dayAfter = new DisclosureRequest("anc-1", "antenatal-clinic", "COC", policy.root().end());

    assertThat(engine.decide(lastEvening, referral, policy).outcome()).isEqualTo(Outcome.PERMIT);
    assertThat(engine.decide(dayAfter, referral, policy).outcome()).isEqualTo(Outcome.DENY);
  }

  @Test
  void whenAPermitHasAConditionTheEngineCannotCheckThenItNeverHolds() {
    Consent consent = PackageExamples.get("Consent/consent-client-3");
    consent.getProvision().addCode(new CodeableConcept(new Coding("http://loinc.org", "11502-2", null)));
    ConsentPolicy policy = reader.read(consent);

    assertThat(policy.root().permit()).isFalse();
    assertThat(policy.root().exceptions()).isEmpty();
    LabelledResource referral = new LabelledResource("ServiceRequest/sr-3", "client-3", "hr-1", Set.of(), Map.of());
    assertThat(engine.decide(new DisclosureRequest("shelter-1", "womens-shelter", "COC", NOW), referral, policy)
        .outcome()).isEqualTo(Outcome.DENY);
  }

  @Test
  void whenADenyHasAConditionTheEngineCannotCheckThenItHoldsWithoutIt() {
    Consent consent = PackageExamples.get("Consent/consent-client-3");
    Consent.ProvisionComponent deny = consent.getProvision().getProvisionFirstRep();
    deny.getSecurityLabel().clear();
    deny.addCode(new CodeableConcept(new Coding("http://loinc.org", "11502-2", null)));
    ConsentPolicy policy = reader.read(consent);

    LabelledResource referral = new LabelledResource("ServiceRequest/sr-3", "client-3", "hr-1", Set.of(), Map.of());
    assertThat(engine.decide(new DisclosureRequest("shelter-1", "womens-shelter", "COC", NOW), referral, policy)
        .outcome()).isEqualTo(Outcome.DENY);
  }

  @Test
  void whenARecipientIsNotAnOrganizationOrALabelIsFromAnotherSystemThenNeitherMatchesAnything() {
    Consent consent = PackageExamples.get("Consent/consent-client-3");
    consent.getProvision().getActorFirstRep().setReference(new Reference("Practitioner/shelter-1"));
    assertThat(reader.read(consent).root().permit()).isFalse();

    Consent foreignLabel = PackageExamples.get("Consent/consent-client-3");
    foreignLabel.getProvision().addProvision().setType(Consent.ConsentProvisionType.PERMIT)
        .addSecurityLabel(new Coding("http://example.org/labels", "HIV", null));
    assertThat(reader.read(foreignLabel).root().exceptions().get(1).labels()).containsExactly("http://example.org/labels|HIV");
  }

  @Test
  void whenTheConsentIsNotActiveOrHasNoSingleCustodianThenItGovernsNothing() {
    Consent inactive = PackageExamples.get("Consent/consent-client-3");
    inactive.setStatus(Consent.ConsentState.INACTIVE);
    Consent twoCustodians = PackageExamples.get("Consent/consent-client-3");
    twoCustodians.addOrganization(new Reference("Organization/anc-1"));
    LabelledResource referral = new LabelledResource("ServiceRequest/sr-3", "client-3", "hr-1", Set.of(), Map.of());
    DisclosureRequest shelter = new DisclosureRequest("shelter-1", "womens-shelter", "COC", NOW);

    assertThat(engine.decide(shelter, referral, reader.read(inactive)).basis()).isEqualTo(ConsentDecision.Basis.NO_CONSENT);
    assertThat(engine.decide(shelter, referral, reader.read(twoCustodians)).basis())
        .isEqualTo(ConsentDecision.Basis.NO_CONSENT);
    assertThat(engine.decide(shelter, referral, reader.read(PackageExamples.get("Consent/consent-client-3"))).outcome())
        .isEqualTo(Outcome.PERMIT);
  }
}
