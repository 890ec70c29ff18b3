package org.passagegateway.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** Every terminology resource is valid FHIR, complete and consistent with its file name. */
class TerminologyResourcesTest {

  private static final Path FOLDER = Path.of("src/main/resources", PassageTerminology.RESOURCE_FOLDER);

  @Test
  void whenEachFileIsParsedStrictlyThenItIsTheResourceItsNameSays() throws IOException {
    for (Path file : files()) {
      MetadataResource resource = parse(file);
      String expectedName = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
      assertThat(file.getFileName().toString()).isEqualTo(expectedName);
      assertThat(resource.getUrl())
          .isEqualTo(PassageTerminology.CANONICAL_BASE + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }
  }

  @Test
  void whenACodeSystemIsReadThenCodesAreUniqueDefinedAndCounted() throws IOException {
    for (Path file : files()) {
      if (parse(file) instanceof CodeSystem codeSystem) {
        List<ConceptDefinitionComponent> concepts = flatten(codeSystem.getConcept());
        assertThat(concepts).extracting(ConceptDefinitionComponent::getCode).as(file.toString()).doesNotHaveDuplicates();
        assertThat(concepts).as(file.toString()).allSatisfy(c -> {
          assertThat(c.getDisplay()).as(c.getCode()).isNotBlank();
          assertThat(c.getDefinition()).as(c.getCode()).isNotBlank();
        });
        assertThat(codeSystem.getCount()).as(file.toString()).isEqualTo(concepts.size());
      }
    }
  }

  @Test
  void whenAValueSetIncludesACodeSystemThenThatCodeSystemIsHere() throws IOException {
    List<String> codeSystems = new ArrayList<>();
    List<ValueSet> valueSets = new ArrayList<>();
    for (Path file : files()) {
      MetadataResource resource = parse(file);
      if (resource instanceof CodeSystem cs) {
        codeSystems.add(cs.getUrl());
      } else if (resource instanceof ValueSet vs) {
        valueSets.add(vs);
      }
    }
    for (ValueSet valueSet : valueSets) {
      valueSet.getCompose().getInclude().stream()
          .filter(include -> include.getSystem().startsWith(PassageTerminology.CANONICAL_BASE))
          .forEach(include -> assertThat(codeSystems).as(valueSet.getUrl()).contains(include.getSystem()));
    }
  }

  @Test
  void whenTheServiceTypesAreReadThenTheGuidesPackagesAreComplete() throws IOException {
    CodeSystem services = (CodeSystem) parse(FOLDER.resolve("CodeSystem-passage-service-type.json"));

    assertThat(children(services, "harm-reduction-package")).hasSize(9);
    assertThat(children(services, "prison-package")).hasSize(15);
    assertThat(children(services, "women-specific")).isNotEmpty();
  }

  static List<ConceptDefinitionComponent> flatten(List<ConceptDefinitionComponent> concepts) {
    List<ConceptDefinitionComponent> all = new ArrayList<>();
    for (ConceptDefinitionComponent concept : concepts) {
      all.add(concept);
      all.addAll(flatten(concept.getConcept()));
    }
    return all;
  }

  private static List<ConceptDefinitionComponent> children(CodeSystem codeSystem, String code) {
    return codeSystem.getConcept().stream().filter(c -> c.getCode().equals(code)).findFirst().orElseThrow().getConcept();
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> paths = Files.list(FOLDER)) {
      return paths.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static MetadataResource parse(Path file) throws IOException {
    IParser parser = FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try (Reader reader = Files.newBufferedReader(file)) {
      return (MetadataResource) parser.parseResource(reader);
    }
  }
}
