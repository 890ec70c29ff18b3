package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.conformance.ProfileValidator;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every kind of audit record becomes an AuditEvent that conforms to Passage's BALP-shaped profile. */
class BalpEventsTest extends H2GatewayTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Autowired ProfileValidator validator;

  @Test
  void whenEachKindOfActionIsRecordedThenItsEventConformsAndCarriesNoPayload() {
    for (AuditRecord.Kind kind : AuditRecord.Kind.values()) {
      AuditRecord record = new AuditRecord(kind, NOW, "demo-site-anc-1", "anc-1", "COC", "client-1",
          kind == AuditRecord.Kind.SEARCH ? null : "ServiceRequest/sr-anc-1",
          kind == AuditRecord.Kind.CONSENT_DECISION ? "Consent/consent-client-1/_history/1" : null, true, Set.of());
      AuditEvent event = BalpEvents.toAuditEvent(record);
      assertThat(validator.errors(event, "AuditEvent")).as(kind.name()).isEmpty();
      assertThat(event.getEntity()).as(kind.name()).allSatisfy(entity -> assertThat(entity.hasDetail()).isFalse());
      assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/anc-1");
      assertThat(event.getAgentFirstRep().getAltId()).isEqualTo("demo-site-anc-1");
      assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("COC");
    }
  }

  @Test
  void whenAConsentDecisionWithholdsCategoriesThenTheEventNamesThemOnTheConsentThatDecided() {
    AuditEvent denied = BalpEvents.toAuditEvent(new AuditRecord(AuditRecord.Kind.CONSENT_DECISION, NOW,
        "demo-site-tb-1", "tb-1", "TREAT", "client-1", "ServiceRequest/sr-1", "Consent/consent-client-1/_history/2",
        false, Set.of("ETH", "SOC")));

    assertThat(validator.errors(denied, "AuditEvent")).isEmpty();
    AuditEvent withoutOutcome = denied.copy();
    withoutOutcome.getSubtype().clear();
    assertThat(validator.errors(withoutOutcome, "AuditEvent")).as("the profile is enforced").isNotEmpty();
    assertThat(denied.getType().getCode()).isEqualTo("consent-decision");
    assertThat(denied.getSubtypeFirstRep().getCode()).isEqualTo("deny");
    assertThat(denied.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly("Patient/client-1", "ServiceRequest/sr-1", "Consent/consent-client-1/_history/2");
    assertThat(denied.getEntity().get(2).getSecurityLabel()).extracting(c -> c.getSystem() + "|" + c.getCode())
        .containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActCode|ETH",
            "https://passage-gateway.org/fhir/CodeSystem/passage-sensitivity|SOC");
  }

  @Test
  void whenOneConsentDecidesSeveralResourcesThenOneEventNamesEachWithItsCategoriesAndTheConsentLast() {
    AuditEvent permitted = BalpEvents.toAuditEvent(new AuditRecord(AuditRecord.Kind.CONSENT_DECISION, NOW,
        "demo-site-anc-1", "anc-1", "TREAT", "client-1",
        List.of(new AuditRecord.Subject("Task/t-1", Set.of()), new AuditRecord.Subject("ServiceRequest/sr-1", Set.of("SEX"))),
        "Consent/c-1/_history/2", true, Set.of("ETH"), "anc-1"));

    assertThat(validator.errors(permitted, "AuditEvent")).isEmpty();
    assertThat(permitted.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly("Patient/client-1", "Task/t-1", "ServiceRequest/sr-1", "Consent/c-1/_history/2");
    assertThat(permitted.getEntity().get(2).getSecurityLabel()).extracting(c -> c.getCode()).containsExactly("SEX");
    AuditColumns columns = AuditColumns.of(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(permitted));
    assertThat(columns.consent()).isEqualTo("Consent/c-1");
    assertThat(columns.entities()).containsExactly("ServiceRequest/sr-1", "Task/t-1");
  }

  @Test
  void whenNoConsentDecidedAboutAConsentThenItIsNotTakenForTheConsentThatDecided() {
    AuditEvent denied = BalpEvents.toAuditEvent(new AuditRecord(AuditRecord.Kind.CONSENT_DECISION, NOW,
        "demo-site-anc-1", "anc-1", "TREAT", "client-1", "Consent/c-9", null, false, Set.of()));

    AuditColumns columns = AuditColumns.of(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(denied));
    assertThat(columns.consent()).isNull();
    assertThat(columns.entities()).containsExactly("Consent/c-9");
  }

  @Test
  void whenAnAuditorActsThenTheAgentIsTheClientApplicationByIdentifier() {
    AuditEvent search = BalpEvents.toAuditEvent(new AuditRecord(AuditRecord.Kind.SEARCH, NOW, "demo-auditor", null,
        null, null, null, null, true, Set.of()));
    assertThat(validator.errors(search, "AuditEvent")).isEmpty();
    assertThat(search.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("demo-auditor");
  }
}
