package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.profiles.PassageProfiles;
import org.passagegateway.terminology.PassageTerminology;

/**
 * What an integration engineer reads to connect a site: the profiles (with snapshots), the
 * terminology and its operations, the CapabilityStatement's profiles and the package download.
 */
class ImplementationGuideTest extends H2GatewayTest {

  @Test
  void whenMetadataIsReadThenEachProfiledTypeListsItsPassageProfile() {
    CapabilityStatement metadata = fhir().capabilities().ofType(CapabilityStatement.class).execute();

    for (CapabilityStatementRestResourceComponent resource : metadata.getRestFirstRep().getResource()) {
      String expected = PassageProfiles.ENFORCED.get(resource.getType());
      assertThat(resource.getSupportedProfile()).extracting(p -> p.getValue()).as(resource.getType())
          .isEqualTo(expected == null ? java.util.List.of() : java.util.List.of(expected));
    }
    assertThat(metadata.getImplementationGuide()).extracting(p -> p.getValue())
        .containsExactly(PassageTerminology.CANONICAL_BASE + "/ImplementationGuide/passage");
  }

  @Test
  void whenAProfileIsReadThenItHasTheSnapshotTheGatewayGenerated() {
    Bundle found = fhir().search().forResource(StructureDefinition.class)
        .where(StructureDefinition.URL.matches().value(PassageProfiles.REFERRAL_TASK))
        .returnBundle(Bundle.class).execute();

    StructureDefinition task = (StructureDefinition) found.getEntryFirstRep().getResource();
    assertThat(task.getType()).isEqualTo("Task");
    assertThat(task.getSnapshot().getElement()).extracting(e -> e.getPath()).contains("Task.owner", "Task.statusReason");
    assertThat(task.getSnapshot().getElement()).filteredOn(e -> e.getPath().equals("Task.requester"))
        .allSatisfy(e -> assertThat(e.getMin()).isEqualTo(1));
    assertThat(task.getSnapshot().getElementFirstRep().getConstraint()).extracting(c -> c.getKey())
        .contains("passage-task-addressee", "passage-rejection-reason");
  }

  @Test
  void whenAValueSetIsExpandedThenItListsItsCodes() {
    ValueSet expansion = fhir().operation().onType(ValueSet.class).named("$expand")
        .withParameter(Parameters.class, "url", new UriType(PassageTerminology.CANONICAL_BASE + "/ValueSet/passage-data-category"))
        .returnResourceType(ValueSet.class).execute();

    assertThat(expansion.getExpansion().getContains()).extracting(c -> c.getSystem() + "#" + c.getCode())
        .containsExactlyInAnyOrder(
            PassageTerminology.V3_ACT_CODE + "#ETH", PassageTerminology.V3_ACT_CODE + "#HIV",
            PassageTerminology.V3_ACT_CODE + "#SDV", PassageTerminology.V3_ACT_CODE + "#SEX",
            PassageTerminology.V3_ACT_CODE + "#STD", PassageTerminology.V3_ACT_CODE + "#PSY",
            PassageTerminology.V3_ACT_CODE + "#LOCIS", PassageTerminology.V3_ACT_CODE + "#SSP",
            PassageTerminology.SENSITIVITY + "#SOC");
  }

  @Test
  void whenTheServiceTypesAreExpandedThenThePackageGroupsAreNotSelectable() {
    ValueSet expansion = fhir().operation().onType(ValueSet.class).named("$expand")
        .withParameter(Parameters.class, "url", new UriType(PassageTerminology.CANONICAL_BASE + "/ValueSet/passage-service-type"))
        .returnResourceType(ValueSet.class).execute();

    assertThat(expansion.getExpansion().getContains()).extracting(c -> c.getCode())
        .contains("nsp", "pmtct", "shelter", "prison-nsp", "naloxone")
        .doesNotContain("harm-reduction-package", "women-specific", "prison-package");
  }

  @Test
  void whenACodeIsValidatedAgainstAValueSetThenMembersPassAndOthersFail() {
    String rejection = PassageTerminology.CANONICAL_BASE + "/ValueSet/passage-task-status-reason";

    Parameters member = validateCode(rejection, PassageTerminology.REJECTION_REASON, "no-capacity");
    Parameters stranger = validateCode(rejection, PassageTerminology.REFERRAL_REASON, "housing");

    assertThat(((BooleanType) member.getParameterValue("result")).booleanValue()).isTrue();
    assertThat(((BooleanType) stranger.getParameterValue("result")).booleanValue()).isFalse();
  }

  @Test
  void whenACodeIsLookedUpThenItsDisplayAndDefinitionAreReturned() {
    Parameters lookup = fhir().operation().onType(org.hl7.fhir.r4.model.CodeSystem.class).named("$lookup")
        .withParameter(Parameters.class, "system", new UriType(PassageTerminology.SERVICE_TYPE))
        .andParameter("code", new CodeType("pmtct"))
        .execute();

    assertThat(((StringType) lookup.getParameterValue("display")).getValue())
        .isEqualTo("Prevention of mother-to-child transmission");
    assertThat(lookup.getParameter()).filteredOn(p -> p.getName().equals("designation") || p.getName().equals("property")
        || p.getName().equals("definition")).isNotNull();
  }

  @Test
  void whenALabelingRuleIsTranslatedThenTheSensitivityLabelComesBack() {
    Parameters translation = fhir().operation().onType(ConceptMap.class).named("$translate")
        .withParameter(Parameters.class, "url", new UriType(PassageTerminology.SITE_TYPE_LABELS))
        .andParameter("system", new UriType(PassageTerminology.SITE_TYPE))
        .andParameter("code", new CodeType("womens-shelter"))
        .execute();

    assertThat(((BooleanType) translation.getParameterValue("result")).booleanValue()).isTrue();
    assertThat(translation.getParameter()).filteredOn(p -> p.getName().equals("match"))
        .extracting(p -> (Coding) p.getPart().stream().filter(q -> q.getName().equals("concept")).findFirst().orElseThrow().getValue())
        .extracting(Coding::getCode)
        .contains("SDV", "LOCIS", "SSP");
  }

  @Test
  void whenThePackageIsDownloadedThenItHoldsTheProfilesTheTerminologyAndTheExamples() throws Exception {
    Response manifest = http().get("/packages/passage.fhir");
    assertThat(manifest.status()).isEqualTo(200);
    assertThat(manifest.body()).contains("\"name\":\"passage.fhir\"").contains("\"tarball\":\"http://localhost:" + port + "/packages/passage.fhir/");
    String version = manifest.body().replaceAll("(?s).*\"latest\":\"([^\"]+)\".*", "$1");

    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/packages/passage.fhir/" + version))
            .header("Authorization", "Bearer " + AccessTokens.cached(anonymousHttp(), port, SITE)).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/tar+gzip");
    NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(download.body()));
    assertThat(npm.name()).isEqualTo("passage.fhir");
    assertThat(npm.list("package")).contains("StructureDefinition-passage-referral-task.json",
        "CodeSystem-passage-rejection-reason.json", "ConceptMap-passage-clinical-code-label.json");
    assertThat(npm.list("example")).contains("Task-task-shelter-1-rejected.json", "Consent-consent-client-1.json");
  }

  @Test
  void whenThePackageIsRequestedWithoutATokenThenUnauthorized() {
    Response manifest = anonymousHttp().get("/packages/passage.fhir");

    assertThat(manifest.status()).isEqualTo(401);
    assertThat(manifest.passageCode()).isEqualTo("PASSAGE-3001");
    assertThat(manifest.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void whenAnUnknownPackageIsRequestedThenTheAnswerIsAnOperationOutcome() throws IOException {
    Response unknown = http().get("/packages/hl7.fhir.r4.core/4.0.1");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("PASSAGE-1006");
  }

  private Parameters validateCode(String valueSet, String system, String code) {
    return fhir().operation().onType(ValueSet.class).named("$validate-code")
        .withParameter(Parameters.class, "url", new UriType(valueSet))
        .andParameter("system", new UriType(system))
        .andParameter("code", new CodeType(code))
        .execute();
  }
}
