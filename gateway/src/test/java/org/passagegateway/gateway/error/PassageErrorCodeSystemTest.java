package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.passagegateway.terminology.PassageTerminology;

/** The published code system of error codes says exactly what the gateway answers with. */
class PassageErrorCodeSystemTest {

  @Test
  void whenTheCodeSystemIsComparedWithTheErrorTableThenTheyHaveTheSameCodesAndTitles() throws Exception {
    CodeSystem published;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream(PassageTerminology.RESOURCE_FOLDER + "CodeSystem-passage-error.json")) {
      published = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, in);
    }

    Map<String, String> inCode = Arrays.stream(PassageError.values())
        .collect(Collectors.toMap(PassageError::code, PassageError::title));
    Map<String, String> inCodeSystem = published.getConcept().stream()
        .collect(Collectors.toMap(CodeSystem.ConceptDefinitionComponent::getCode,
            CodeSystem.ConceptDefinitionComponent::getDisplay));

    assertThat(published.getUrl()).isEqualTo(PassageError.CODE_SYSTEM);
    assertThat(inCodeSystem).isEqualTo(inCode);
    assertThat(published.getConcept()).allSatisfy(c ->
        assertThat(c.getDefinition()).contains("HTTP " + PassageError.valueOf(nameOf(c.getCode())).httpStatus()));
  }

  private static String nameOf(String code) {
    return Arrays.stream(PassageError.values()).filter(e -> e.code().equals(code)).findFirst().orElseThrow().name();
  }
}
