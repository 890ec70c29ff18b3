package org.passagegateway.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.ImplementationGuide.ImplementationGuideDefinitionResourceComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

/** The packed passage.fhir package holds what its ImplementationGuide says, and the profiles the gateway enforces. */
class PassagePackageContentsTest {

  private final FhirContext fhir = FhirContext.forR4Cached();

  @Test
  void whenThePackageIsReadThenTheImplementationGuideListsExactlyItsDefinitions() throws IOException {
    NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(PassagePackage.tarball()));
    List<String> definitions = references(npm, "package");
    List<String> examples = references(npm, "example");
    ImplementationGuide guide = (ImplementationGuide) parse(npm, "package", "ImplementationGuide-passage.json");

    Set<String> listed = new HashSet<>();
    for (ImplementationGuideDefinitionResourceComponent entry : guide.getDefinition().getResource()) {
      listed.add(entry.getReference().getReference());
    }
    definitions.remove("ImplementationGuide/passage");
    // The examples live in package/example and are not listed: the gateway installs the guide,
    // and its references must resolve (referential integrity), but it never installs examples.
    assertThat(listed).containsExactlyInAnyOrderElementsOf(definitions);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(PassageProfiles.ENFORCED.size());
  }

  @Test
  void whenThePackageIsReadThenEveryEnforcedProfileIsInItWithItsType() throws IOException {
    NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(PassagePackage.tarball()));
    for (var profile : PassageProfiles.ENFORCED.entrySet()) {
      String id = profile.getValue().substring(profile.getValue().lastIndexOf('/') + 1);
      StructureDefinition definition = (StructureDefinition) parse(npm, "package", "StructureDefinition-" + id + ".json");
      assertThat(definition.getUrl()).isEqualTo(profile.getValue());
      assertThat(definition.getType()).isEqualTo(profile.getKey());
    }
    assertThat(PassageProfiles.ENFORCED).containsOnlyKeys(
        "Patient", "Organization", "Endpoint", "HealthcareService", "ServiceRequest", "Task", "Consent", "EpisodeOfCare",
        "AuditEvent");
  }

  private List<String> references(NpmPackage npm, String folder) throws IOException {
    List<String> references = new ArrayList<>();
    for (String file : npm.list(folder)) {
      if (file.endsWith(".json") && !file.equals("package.json") && !file.startsWith(".")) {
        Resource resource = parse(npm, folder, file);
        references.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
      }
    }
    return references;
  }

  private Resource parse(NpmPackage npm, String folder, String file) throws IOException {
    return (Resource) fhir.newJsonParser().parseResource(npm.load(folder, file));
  }
}
