package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.config.FhirProperties;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;

/** What an integration engineer finds first: the CapabilityStatement, OpenAPI, health, the IG. */
class ConformanceTest extends H2GatewayTest {

  @Autowired FhirProperties fhirProperties;
  @Autowired BuildProperties build;

  @Test
  void whenMetadataIsReadThenItNamesPassageAndItsVersion() {
    CapabilityStatement metadata = fhir().capabilities().ofType(CapabilityStatement.class).execute();

    assertThat(metadata.getName()).isEqualTo("Passage");
    assertThat(metadata.getSoftware().getName()).isEqualTo("Passage");
    assertThat(metadata.getSoftware().getVersion()).isEqualTo(build.getVersion()).isNotBlank();
    assertThat(metadata.getVersion()).isEqualTo(build.getVersion());
    assertThat(metadata.getFhirVersion().toCode()).isEqualTo("4.0.1");
    assertThat(metadata.getFormat()).extracting(f -> f.getValue())
        .contains("application/fhir+json", "application/fhir+xml")
        .noneMatch(f -> f.contains("turtle") || f.equals("ttl"));
  }

  @Test
  void whenMetadataIsReadThenExactlyPassagesResourceTypesAreOffered() {
    CapabilityStatement metadata = fhir().capabilities().ofType(CapabilityStatement.class).execute();
    List<String> types = metadata.getRestFirstRep().getResource().stream()
        .map(CapabilityStatementRestResourceComponent::getType).toList();

    // Every served type some role may use; OperationOutcome and Parameters are served (HAPI needs
    // them) but no one stores or reads them, so they are not listed.
    assertThat(types).containsAll(fhirProperties.resourceTypes().stream()
        .filter(t -> !List.of("OperationOutcome", "Parameters").contains(t)).toList());
    assertThat(types).doesNotContain("OperationOutcome", "Parameters");
    // HAPI lists OperationDefinition for the operations it describes; nothing else is added.
    assertThat(types).filteredOn(t -> !fhirProperties.resourceTypes().contains(t))
        .containsOnly("OperationDefinition");
    assertThat(types).doesNotContain("Medication", "Group", "Person", "Account");
  }

  @Test
  void whenMetadataIsReadThenNoServerWideMaintenanceOperationIsOffered() {
    CapabilityStatement metadata = fhir().capabilities().ofType(CapabilityStatement.class).execute();

    assertThat(metadata.getRestFirstRep().getOperation())
        .extracting(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
        .doesNotContain("expunge", "get-resource-counts", "mark-all-resources-for-reindexing",
            "perform-reindexing-pass", "reindex-terminology");
    assertThat(metadata.getRestFirstRep().getInteraction())
        .extracting(i -> i.getCode().toCode())
        .contains("transaction", "batch")
        .doesNotContain("history-system");
  }

  @Test
  void whenTheApiDocsAreRequestedThenOpenApiAndSwaggerUiAreServed() {
    Response apiDocs = http().get("/fhir/api-docs");
    Response swagger = http().get("/fhir/swagger-ui/");

    assertThat(apiDocs.status()).isEqualTo(200);
    assertThat(apiDocs.body()).contains("openapi: 3").contains("/Task");
    assertThat(swagger.status()).isEqualTo(200);
    assertThat(swagger.contentType()).startsWith("text/html");
  }

  @Test
  void whenABatchIsPostedThenEachEntryIsProcessedOnItsOwn() {
    Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Organization/hr-1");
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Organization/" + java.util.UUID.randomUUID());

    Bundle response = fhir().transaction().withBundle(batch).execute();

    assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
    assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("200");
    assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
  }

  @Test
  void whenALoadBalancerProbesThenLivenessAndReadinessAreUp() {
    Response liveness = http().get("/actuator/health/liveness");
    Response readiness = http().get("/actuator/health/readiness");

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.body()).contains("\"UP\"");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"UP\"");
  }

  @Test
  void whenThePackageIsInstalledThenItsTerminologyAndGuideAreServed() {
    Bundle siteTypes = fhir().search().forResource(CodeSystem.class)
        .where(CodeSystem.URL.matches().value(PassageTerminology.SITE_TYPE))
        .returnBundle(Bundle.class).execute();
    Bundle guides = fhir().search().forResource(ImplementationGuide.class)
        .where(ImplementationGuide.URL.matches().value(PassageTerminology.CANONICAL_BASE + "/ImplementationGuide/passage"))
        .returnBundle(Bundle.class).execute();

    assertThat(siteTypes.getEntry()).hasSize(1);
    CodeSystem codeSystem = (CodeSystem) siteTypes.getEntryFirstRep().getResource();
    assertThat(codeSystem.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
        .contains("harm-reduction-site", "antenatal-clinic", "tb-service", "womens-shelter", "prison-health-unit");
    assertThat(guides.getEntry()).hasSize(1);
    assertThat(((ImplementationGuide) guides.getEntryFirstRep().getResource()).getPackageId()).isEqualTo("passage.fhir");
  }
}
