package org.passagegateway.gateway.security;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What kind of data a resource type holds, which decides who may touch it at all (see {@link
 * RolePermissions}). Every type the gateway serves is in exactly one category; an unknown type is
 * {@link #NONE}, which nobody may use.
 */
public enum ResourceCategory {
  /** A client's data: readable by a site only where it is a party (custodian, requester, owner). */
  CLINICAL("Patient", "ServiceRequest", "Task", "Consent", "EpisodeOfCare", "Condition", "Observation",
      "Procedure", "Encounter", "DocumentReference", "Provenance", "Basic", "Bundle", "Binary", "Subscription"),
  /** The network's directory: its sites, their services and endpoints, their staff roles. */
  DIRECTORY("Organization", "Endpoint", "HealthcareService", "Practitioner", "PractitionerRole"),
  /** The audit log, written only by the gateway itself. */
  AUDIT("AuditEvent"),
  /** Aggregate indicators. */
  INDICATOR("MeasureReport"),
  /** Published definitions: profiles, terminology, search parameters, the implementation guide. */
  CONFORMANCE("StructureDefinition", "CodeSystem", "ValueSet", "ConceptMap", "SearchParameter",
      "ImplementationGuide", "Measure", "OperationDefinition"),
  /** Everything else (OperationOutcome, Parameters, unknown types): no one stores or reads them. */
  NONE();

  private static final Map<String, ResourceCategory> BY_TYPE = Stream.of(values())
      .flatMap(category -> category.types.stream().map(type -> Map.entry(type, category)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final Set<String> types;

  ResourceCategory(String... types) {
    this.types = Set.of(types);
  }

  public static ResourceCategory of(String resourceType) {
    return resourceType == null ? NONE : BY_TYPE.getOrDefault(resourceType, NONE);
  }

  /** The resource types of this category. */
  public Set<String> types() {
    return types;
  }
}
