package org.passagegateway.gateway.security;

/**
 * An extended operation a feature offers on a resource type or its instances, allowed to callers who
 * hold {@code permission} ({@code c r u d s}) on that type. Features declare these as beans; every
 * other operation stays denied by {@link FhirAuthorization}.
 */
public record OperationGrant(String name, String resourceType, char permission) {}
