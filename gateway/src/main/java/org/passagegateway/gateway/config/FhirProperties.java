package org.passagegateway.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The FHIR server's settings ({@code passage.fhir.*}).
 *
 * @param resourceTypes the resource types the server registers; everything else answers 404
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 * @param serverAddress the public base URL of {@code /fhir} behind a proxy; when absent, the
 *     address of the incoming request
 */
@Validated
@ConfigurationProperties("passage.fhir")
public record FhirProperties(
    @NotEmpty @DefaultValue({
          "Patient", "Organization", "Endpoint", "HealthcareService", "Practitioner",
          "PractitionerRole", "ServiceRequest", "Task", "Consent", "EpisodeOfCare", "Condition",
          "Observation", "Procedure", "Encounter", "DocumentReference", "Provenance", "AuditEvent",
          "Subscription", "Basic", "CodeSystem", "ValueSet", "ConceptMap", "StructureDefinition",
          "SearchParameter", "ImplementationGuide", "MeasureReport", "Measure", "Bundle",
          "OperationOutcome", "Parameters", "Binary"
        })
        List<String> resourceTypes,
    @DefaultValue("20") @Min(1) @Max(1000) int defaultPageSize,
    @DefaultValue("200") @Min(1) @Max(1000) int maxPageSize,
    URI serverAddress) {}
