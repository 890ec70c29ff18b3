package org.passagegateway.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.passagegateway.terminology.PassageTerminology;

/** Every site type and service type the demo network uses is a real, selectable Passage code. */
class DemoNetworkTerminologyTest {

  @Test
  void whenTheDemoNetworkIsBuiltThenEveryCodeItUsesIsDefinedAndSelectable() throws IOException {
    Map<String, ConceptDefinitionComponent> siteTypes = concepts("CodeSystem-passage-site-type.json");
    Map<String, ConceptDefinitionComponent> serviceTypes = concepts("CodeSystem-passage-service-type.json");

    for (Resource resource : DemoNetwork.resources()) {
      for (Coding coding : codings(resource)) {
        Map<String, ConceptDefinitionComponent> known =
            coding.getSystem().equals(PassageTerminology.SITE_TYPE) ? siteTypes : serviceTypes;
        assertThat(known).as(resource.getIdElement().getIdPart()).containsKey(coding.getCode());
        assertThat(known.get(coding.getCode()).getProperty())
            .noneMatch(p -> p.getCode().equals("notSelectable") && p.getValueBooleanType().booleanValue());
      }
    }
  }

  @Test
  void whenTheDemoNetworkIsBuiltThenItHasEveryKindOfSiteTheScenariosNeed() {
    List<String> siteTypes = DemoNetwork.resources().stream()
        .filter(Organization.class::isInstance)
        .map(r -> ((Organization) r).getTypeFirstRep().getCodingFirstRep().getCode())
        .toList();

    assertThat(siteTypes).contains("harm-reduction-site", "antenatal-clinic", "tb-service", "womens-shelter",
        "prison-health-unit");
  }

  private static List<Coding> codings(Resource resource) {
    if (resource instanceof Organization org) {
      return org.getTypeFirstRep().getCoding();
    }
    if (resource instanceof HealthcareService service) {
      return service.getTypeFirstRep().getCoding();
    }
    if (resource instanceof ServiceRequest request) {
      return request.getCode().getCoding();
    }
    return List.of();
  }

  private static Map<String, ConceptDefinitionComponent> concepts(String file) throws IOException {
    try (InputStream in = DemoNetworkTerminologyTest.class.getClassLoader()
        .getResourceAsStream(PassageTerminology.RESOURCE_FOLDER + file)) {
      CodeSystem codeSystem = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, in);
      Map<String, ConceptDefinitionComponent> all = new HashMap<>();
      collect(codeSystem.getConcept(), all);
      return all;
    }
  }

  private static void collect(List<ConceptDefinitionComponent> concepts, Map<String, ConceptDefinitionComponent> all) {
    for (ConceptDefinitionComponent concept : concepts) {
      all.put(concept.getCode(), concept);
      collect(concept.getConcept(), all);
    }
  }
}
