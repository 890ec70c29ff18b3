package org.passagegateway.gateway.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.passagegateway.terminology.PassageTerminology;

/** Labels derived with the labeling ConceptMaps the terminology module ships. */
class ResourceLabelerTest {

  private static final LabelingRules RULES = LabelingRulesLoader.fromTerminology(FhirContext.forR4Cached());
  private static final Map<String, String> SITE_TYPES = Map.of("anc-1", "antenatal-clinic", "hr-1",
      "harm-reduction-site", "tb-1", "tb-service", "shelter-1", "womens-shelter");
  private final ResourceLabeler labeler = new ResourceLabeler(RULES, id -> Optional.ofNullable(SITE_TYPES.get(id)));

  @Test
  void whenAPregnantClientIsReferredForHerDrugUseToAnAntenatalClinicThenOnlyTheReasonCarriesEth() {
    ServiceRequest referral = referral("prenatal-care", "anc-1", "pregnancy-care", "opioid-dependence");
    ResourceLabels labels = labeler.labels(referral);
    assertThat(labels.resource()).containsExactly("SEX");
    assertThat(labels.elements()).containsExactly(Map.entry("reasonCode", Set.of("SEX", "ETH")));
  }

  @Test
  void whenAReferralIsToATbServiceForTbThenItCarriesNoLabel() {
    ResourceLabels labels = labeler.labels(referral("tb", "tb-1", "presumptive-tb"));
    assertThat(labels.resource()).isEmpty();
    assertThat(labels.elements()).isEmpty();
  }

  @Test
  void whenAReferralIsToAShelterThenItCarriesViolenceLocationAndSensitiveProvider() {
    ResourceLabels labels = labeler.labels(referral("shelter", "shelter-1", "violence-safety"));
    assertThat(labels.resource()).containsExactlyInAnyOrder("SDV", "LOCIS", "SSP");
    assertThat(labels.elements()).containsExactly(Map.entry("reasonCode", Set.of("SDV")));
  }

  @Test
  void whenAnOpenReferralNamesOnlyTheKindOfSiteThenThatKindLabelsIt() {
    ServiceRequest open = new ServiceRequest();
    open.setPerformerType(new CodeableConcept(new Coding(PassageTerminology.SITE_TYPE, "womens-shelter", null)));
    assertThat(labeler.labels(open).resource()).containsExactlyInAnyOrder("SDV", "LOCIS", "SSP");
  }

  @Test
  void whenAConditionIsCodedWithAnHivCodeThenItCarriesHiv() {
    Condition condition = new Condition();
    condition.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10", "B20", null)));
    assertThat(labeler.labels(condition).resource()).containsExactly("HIV");
  }

  @Test
  void whenAClientIsManagedByAHarmReductionSiteThenOnlyThatReferenceIsLabelled() {
    Patient client = new Patient().setManagingOrganization(new Reference("Organization/hr-1"));
    ResourceLabels labels = labeler.labels(client);
    assertThat(labels.resource()).isEmpty();
    assertThat(labels.elements()).containsExactly(Map.entry("managingOrganization", Set.of("ETH", "SSP")));
  }

  @Test
  void whenAnEpisodeIsAtAnOstProviderThenTheSiteKindLabelsIt() {
    Map<String, String> sites = Map.of("ost-1", "ost-provider");
    ResourceLabeler withOst = new ResourceLabeler(RULES, id -> Optional.ofNullable(sites.get(id)));
    EpisodeOfCare episode = new EpisodeOfCare().setManagingOrganization(new Reference("Organization/ost-1"));
    assertThat(withOst.labels(episode).resource()).containsExactlyInAnyOrder("ETH", "SSP");
  }

  @Test
  void whenACodeIsUnknownOrTheSiteIsNotAMemberThenNothingIsLabelled() {
    ServiceRequest referral = referral("prenatal-care", "elsewhere", "client-request");
    referral.getCode().getCodingFirstRep().setCode("no-such-service");
    assertThat(labeler.labels(referral)).isEqualTo(ResourceLabels.NONE);
  }

  @Test
  void whenANetworkAddsAMappingThenTheNewRuleLabelsWithoutAnyCodeChange() {
    ConceptMap extra = new ConceptMap();
    ConceptMap.ConceptMapGroupComponent group = extra.addGroup().setSource(PassageTerminology.REFERRAL_REASON)
        .setTarget(PassageTerminology.V3_ACT_CODE);
    group.addElement().setCode("client-request").addTarget().setCode("PSY")
        .setEquivalence(ConceptMapEquivalence.RELATEDTO);
    ResourceLabeler extended = new ResourceLabeler(LabelingRules.from(List.of(extra)), id -> Optional.empty());
    assertThat(extended.labels(referral("tb", "tb-1", "client-request")).elements())
        .containsExactly(Map.entry("reasonCode", Set.of("PSY")));
  }

  private static ServiceRequest referral(String service, String owner, String... reasons) {
    ServiceRequest referral = new ServiceRequest();
    referral.setCode(new CodeableConcept(new Coding(PassageTerminology.SERVICE_TYPE, service, null)));
    referral.addPerformer(new Reference("Organization/" + owner));
    for (String reason : reasons) {
      referral.addReasonCode(new CodeableConcept(new Coding(PassageTerminology.REFERRAL_REASON, reason, null)));
    }
    return referral;
  }
}
