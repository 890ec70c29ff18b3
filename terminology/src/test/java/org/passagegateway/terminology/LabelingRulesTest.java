package org.passagegateway.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** The labeling ConceptMaps are complete and only ever name a consent data category. */
class LabelingRulesTest {

  private static final Path FOLDER = Path.of("src/main/resources", PassageTerminology.RESOURCE_FOLDER);

  @Test
  void whenAMapNamesALabelThenItIsAConsentDataCategory() throws IOException {
    Set<String> categories = dataCategories();
    for (String map : List.of("passage-clinical-code-label", "passage-service-type-label", "passage-site-type-label",
        "passage-referral-reason-label")) {
      for (ConceptMapGroupComponent group : read("ConceptMap-" + map + ".json", ConceptMap.class).getGroup()) {
        for (SourceElementComponent element : group.getElement()) {
          for (TargetElementComponent target : element.getTarget()) {
            if (target.getEquivalence() == ConceptMapEquivalence.UNMATCHED) {
              assertThat(target.getCode()).as(element.getCode()).isNull();
              assertThat(target.getComment()).as("why %s carries no label", element.getCode()).isNotBlank();
            } else {
              assertThat(categories).as("%s of %s", target.getCode(), element.getCode()).contains(group.getTarget() + "|" + target.getCode());
            }
          }
        }
      }
    }
  }

  @Test
  void whenAServiceOrSiteTypeOrReferralReasonIsSelectableThenTheMapsSayWhatItsLabelsAre() throws IOException {
    assertThat(sources("passage-service-type-label")).containsExactlyInAnyOrderElementsOf(selectable("passage-service-type"));
    assertThat(sources("passage-site-type-label")).containsExactlyInAnyOrderElementsOf(selectable("passage-site-type"));
    assertThat(sources("passage-referral-reason-label"))
        .containsExactlyInAnyOrderElementsOf(selectable("passage-referral-reason"));
  }

  @Test
  void whenTheServiceTypeValueSetIsExpandedThenItHoldsExactlyTheSelectableServiceTypes() throws IOException {
    ValueSet valueSet = read("ValueSet-passage-service-type.json", ValueSet.class);
    Set<String> codes = new HashSet<>();
    valueSet.getCompose().getInclude().forEach(i -> i.getConcept().forEach(c -> codes.add(c.getCode())));
    assertThat(codes).containsExactlyInAnyOrderElementsOf(selectable("passage-service-type"));
  }

  @Test
  void whenTheClinicalMapIsReadThenEveryAreaOfTheIssueHasCodesInEachTerminology() throws IOException {
    ConceptMap map = read("ConceptMap-passage-clinical-code-label.json", ConceptMap.class);
    Set<String> systemsAndLabels = new HashSet<>();
    for (ConceptMapGroupComponent group : map.getGroup()) {
      group.getElement().forEach(e -> e.getTarget().forEach(t -> systemsAndLabels.add(group.getSource() + "|" + t.getCode())));
    }
    for (String system : List.of("http://snomed.info/sct", "http://loinc.org", "http://hl7.org/fhir/sid/icd-10")) {
      for (String label : List.of("HIV", "ETH", "SEX", "SDV", "STD", "null")) {
        assertThat(systemsAndLabels).as("%s codes labelled %s", system, label).contains(system + "|" + label);
      }
    }
  }

  private static Set<String> dataCategories() throws IOException {
    Set<String> categories = new HashSet<>();
    ValueSet valueSet = read("ValueSet-passage-data-category.json", ValueSet.class);
    valueSet.getCompose().getInclude().forEach(i -> i.getConcept().forEach(c -> categories.add(i.getSystem() + "|" + c.getCode())));
    assertThat(categories).hasSize(9);
    return categories;
  }

  private static Set<String> sources(String map) throws IOException {
    Set<String> codes = new HashSet<>();
    read("ConceptMap-" + map + ".json", ConceptMap.class).getGroup().forEach(g -> g.getElement().forEach(e -> codes.add(e.getCode())));
    return codes;
  }

  private static Set<String> selectable(String codeSystem) throws IOException {
    Set<String> codes = new HashSet<>();
    for (ConceptDefinitionComponent concept :
        TerminologyResourcesTest.flatten(read("CodeSystem-" + codeSystem + ".json", CodeSystem.class).getConcept())) {
      boolean notSelectable = concept.getProperty().stream()
          .anyMatch(p -> p.getCode().equals("notSelectable") && p.getValue() instanceof BooleanType b && b.booleanValue());
      if (!notSelectable) {
        codes.add(concept.getCode());
      }
    }
    return codes;
  }

  private static <T extends Resource> T read(String file, Class<T> type) throws IOException {
    try (Reader reader = Files.newBufferedReader(FOLDER.resolve(file))) {
      return FhirContext.forR4Cached().newJsonParser().parseResource(type, reader);
    }
  }
}
