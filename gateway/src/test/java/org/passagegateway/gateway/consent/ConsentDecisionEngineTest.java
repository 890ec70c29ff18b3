package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.passagegateway.gateway.consent.ConsentDecision.Basis;
import org.passagegateway.gateway.consent.ConsentDecision.Outcome;

/** The rules of DESIGN.md, "Consent semantics", one row each. */
class ConsentDecisionEngineTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final ConsentDecisionEngine ENGINE = new ConsentDecisionEngine();

  /** consent-client-1: antenatal clinics, for treatment or care coordination, but never her drug use. */
  private static final Provision ANTENATAL_NOT_DRUG_USE = Provision.of(true)
      .withRecipientSiteTypes(Set.of("antenatal-clinic")).withPurposes(Set.of("TREAT", "COC"))
      .withExceptions(List.of(Provision.of(false).withLabels(Set.of("ETH"))));

  /** consent-client-3: the shelter only, for care coordination; never HIV or social-services details. */
  private static final Provision SHELTER_ONLY = Provision.of(true)
      .withRecipients(Set.of("shelter-1")).withPurposes(Set.of("COC"))
      .withExceptions(List.of(Provision.of(false).withLabels(Set.of("HIV", "SOC"))));

  record Row(String rule, Provision consent, DisclosureRequest request, LabelledResource resource, Outcome outcome,
      Set<String> redacted) {
    @Override
    public String toString() {
      return rule;
    }
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row("a general permit discloses unlabelled data to a named site type for a named purpose",
            ANTENATAL_NOT_DRUG_USE, anc("COC"), referral(Set.of(), Map.of()), Outcome.PERMIT, Set.of()),
        row("a nested deny of a label withholds data carrying it",
            ANTENATAL_NOT_DRUG_USE, anc("COC"), referral(Set.of("ETH"), Map.of()), Outcome.DENY, Set.of()),
        row("a labelled element of a permitted resource is removed, not the resource",
            ANTENATAL_NOT_DRUG_USE, anc("TREAT"), referral(Set.of(), Map.of("reasonCode", Set.of("ETH"))),
            Outcome.REDACT, Set.of("reasonCode")),
        row("a general permit does not cover a sensitive label nobody permitted",
            ANTENATAL_NOT_DRUG_USE, anc("COC"), referral(Set.of("HIV"), Map.of()), Outcome.DENY, Set.of()),
        row("a purpose the consent does not name is refused",
            ANTENATAL_NOT_DRUG_USE, anc("HCOMPL"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a request without a purpose is refused when the consent names purposes",
            ANTENATAL_NOT_DRUG_USE, anc(null), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a site of another type is refused",
            ANTENATAL_NOT_DRUG_USE, new DisclosureRequest("tb-1", "tb-service", "COC", NOW),
            referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a site whose type is unknown is refused when the consent names site types",
            ANTENATAL_NOT_DRUG_USE, new DisclosureRequest("anc-1", null, "COC", NOW),
            referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a named recipient is permitted",
            SHELTER_ONLY, shelter("COC"), referral(Set.of(), Map.of()), Outcome.PERMIT, Set.of()),
        row("any other recipient is refused",
            SHELTER_ONLY, anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("elements carrying either denied label are removed",
            SHELTER_ONLY, shelter("COC"),
            referral(Set.of(), Map.of("reasonCode", Set.of("SOC"), "note", Set.of("HIV"), "supportingInfo", Set.of())),
            Outcome.REDACT, Set.of("reasonCode", "note")),
        row("a label that no provision names is not disclosed by a general permit",
            SHELTER_ONLY, shelter("COC"), referral(Set.of("SDV"), Map.of()), Outcome.DENY, Set.of()),
        row("an exception permitting a label discloses data carrying it",
            Provision.of(true).withRecipients(Set.of("anc-1"))
                .withExceptions(List.of(Provision.of(true).withLabels(Set.of("SEX")))),
            anc("TREAT"), referral(Set.of("SEX"), Map.of()), Outcome.PERMIT, Set.of()),
        row("a resource needs every one of its labels permitted",
            Provision.of(true).withRecipients(Set.of("anc-1"))
                .withExceptions(List.of(Provision.of(true).withLabels(Set.of("SEX")))),
            anc("TREAT"), referral(Set.of("SEX", "ETH"), Map.of()), Outcome.DENY, Set.of()),
        row("a permit of a label alone does not disclose the unlabelled rest",
            Provision.of(true).withRecipients(Set.of("anc-1")).withLabels(Set.of("SEX")),
            anc("TREAT"), referral(Set.of("SEX"), Map.of()), Outcome.DENY, Set.of()),
        row("a deny exception for a purpose overrides the permit for that purpose",
            Provision.of(true).withRecipients(Set.of("anc-1"))
                .withExceptions(List.of(Provision.of(false).withPurposes(Set.of("HCOMPL")))),
            anc("HCOMPL"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("the same deny exception leaves other purposes permitted",
            Provision.of(true).withRecipients(Set.of("anc-1"))
                .withExceptions(List.of(Provision.of(false).withPurposes(Set.of("HCOMPL")))),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.PERMIT, Set.of()),
        row("without a purpose, a deny exception for some purpose still applies",
            Provision.of(true).withRecipients(Set.of("anc-1"))
                .withExceptions(List.of(Provision.of(false).withPurposes(Set.of("HCOMPL")))),
            anc(null), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a permit exception to a base deny discloses",
            Provision.of(false).withExceptions(List.of(Provision.of(true).withRecipients(Set.of("anc-1")))),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.PERMIT, Set.of()),
        row("between sibling exceptions that both hold, deny wins",
            Provision.of(false).withExceptions(List.of(Provision.of(true).withRecipients(Set.of("anc-1")),
                Provision.of(false).withRecipientSiteTypes(Set.of("antenatal-clinic")))),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("an exception outside its period does not apply",
            Provision.of(false).withExceptions(List.of(Provision.of(true).withRecipients(Set.of("anc-1"))
                .withPeriod(NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)))),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a permit for another action than disclosure does not disclose",
            Provision.of(true).withRecipients(Set.of("anc-1")).withActions(Set.of("collect")),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a permit for the disclose action discloses",
            Provision.of(true).withRecipients(Set.of("anc-1")).withActions(Set.of("disclose")),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.PERMIT, Set.of()),
        row("a permit for other resource types does not disclose this one",
            Provision.of(true).withRecipients(Set.of("anc-1")).withResourceTypes(Set.of("Task")),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a permit for one resource does not disclose another",
            Provision.of(true).withRecipients(Set.of("anc-1")).withResources(Set.of("ServiceRequest/other")),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("a permit for this resource discloses it",
            Provision.of(true).withRecipients(Set.of("anc-1")).withResources(Set.of("ServiceRequest/sr-1")),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.PERMIT, Set.of()),
        row("an exception to a permit that does not hold is not considered",
            Provision.of(true).withRecipients(Set.of("tb-1"))
                .withExceptions(List.of(Provision.of(true).withRecipients(Set.of("anc-1")))),
            anc("COC"), referral(Set.of(), Map.of()), Outcome.DENY, Set.of()),
        row("an exception about another label than its parent's is not considered",
            Provision.of(true).withRecipients(Set.of("anc-1")).withLabels(Set.of("SEX"))
                .withExceptions(List.of(Provision.of(true).withLabels(Set.of("HIV")))),
            anc("COC"), referral(Set.of(), Map.of("note", Set.of("HIV"))), Outcome.DENY, Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void whenTheConsentIsInForceThenItsProvisionsDecide(Row row) {
    ConsentDecision decision = ENGINE.decide(row.request(), row.resource(), consent(row.consent(), true));
    assertThat(decision.outcome()).isEqualTo(row.outcome());
    assertThat(decision.redactedElements()).isEqualTo(row.redacted());
    assertThat(decision.basis()).isEqualTo(Basis.CONSENT);
    assertThat(decision.consent()).isEqualTo("Consent/c-1/_history/1");
  }

  @Test
  void whenTheRecipientIsTheCustodianThenItSeesItsOwnDataWithoutAnyConsent() {
    ConsentDecision decision = ENGINE.decide(new DisclosureRequest("hr-1", "harm-reduction", null, NOW),
        referral(Set.of("ETH", "HIV"), Map.of("reasonCode", Set.of("SDV"))), null);
    assertThat(decision.outcome()).isEqualTo(Outcome.PERMIT);
    assertThat(decision.basis()).isEqualTo(Basis.CUSTODIAN);
  }

  @Test
  void whenThereIsNoConsentThenNothingIsDisclosed() {
    assertNoConsent(ENGINE.decide(anc("COC"), referral(Set.of(), Map.of()), null));
  }

  @Test
  void whenTheConsentIsInactiveThenNothingIsDisclosed() {
    assertNoConsent(ENGINE.decide(anc("COC"), referral(Set.of(), Map.of()), consent(ANTENATAL_NOT_DRUG_USE, false)));
  }

  @Test
  void whenTheConsentIsHeldByAnotherCustodianOrIsAnotherClientsThenNothingIsDisclosed() {
    Provision everyone = Provision.of(true);
    assertNoConsent(ENGINE.decide(anc("COC"), referral(Set.of(), Map.of()),
        new ConsentPolicy("Consent/c-2/_history/1", true, "client-1", "prison-1", everyone)));
    assertNoConsent(ENGINE.decide(anc("COC"), referral(Set.of(), Map.of()),
        new ConsentPolicy("Consent/c-3/_history/1", true, "client-2", "hr-1", everyone)));
  }

  @Test
  void whenTheConsentPeriodHasEndedOrNotBegunThenNothingIsDisclosed() {
    Provision ended = Provision.of(true).withPeriod(NOW.minus(10, ChronoUnit.DAYS), NOW);
    Provision future = Provision.of(true).withPeriod(NOW.plusSeconds(1), null);
    assertNoConsent(ENGINE.decide(anc("COC"), referral(Set.of(), Map.of()), consent(ended, true)));
    assertNoConsent(ENGINE.decide(anc("COC"), referral(Set.of(), Map.of()), consent(future, true)));
  }

  @Test
  void whenAResourceIsWithheldThenTheDecisionNamesTheWithheldCategoriesForTheAuditLog() {
    ConsentDecision decision = ENGINE.decide(anc("COC"), referral(Set.of("ETH", "HIV"), Map.of()),
        consent(ANTENATAL_NOT_DRUG_USE, true));
    assertThat(decision.withheldLabels()).containsExactlyInAnyOrder("ETH", "HIV");
  }

  private static void assertNoConsent(ConsentDecision decision) {
    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.basis()).isEqualTo(Basis.NO_CONSENT);
    assertThat(decision.consent()).isNull();
  }

  private static Arguments row(String rule, Provision consent, DisclosureRequest request, LabelledResource resource,
      Outcome outcome, Set<String> redacted) {
    return Arguments.of(new Row(rule, consent, request, resource, outcome, redacted));
  }

  private static ConsentPolicy consent(Provision root, boolean active) {
    return new ConsentPolicy("Consent/c-1/_history/1", active, "client-1", "hr-1", root);
  }

  private static DisclosureRequest anc(String purpose) {
    return new DisclosureRequest("anc-1", "antenatal-clinic", purpose, NOW);
  }

  private static DisclosureRequest shelter(String purpose) {
    return new DisclosureRequest("shelter-1", "womens-shelter", purpose, NOW);
  }

  private static LabelledResource referral(Set<String> labels, Map<String, Set<String>> elementLabels) {
    return new LabelledResource("ServiceRequest/sr-1", "client-1", "hr-1", labels, elementLabels);
  }
}
