package org.passagegateway.gateway.security;

/**
 * An extended operation a feature offers on a resource type or its instances, allowed to callers who
 * hold {@code permission} ({@code c r u d s}) on {@code decidedBy} (by default that same type: an
 * operation on a Measure that makes a MeasureReport is decided by the permission to read
 * MeasureReports). Features declare these as beans; every other operation stays denied by {@link
 * FhirAuthorization}.
 */
public record OperationGrant(String name, String resourceType, char permission, String decidedBy) {

  public OperationGrant(String name, String resourceType, char permission) {
    this(name, resourceType, permission, resourceType);
  }
}
