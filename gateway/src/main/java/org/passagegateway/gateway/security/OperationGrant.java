package org.passagegateway.gateway.security;

/**
 * An extended operation a feature offers on instances of a resource type, allowed to callers who
 * hold {@code permission} ({@code c r u d s}) on that type. Features declare these as beans; every
 * other operation stays denied by {@link FhirAuthorization}.
 */
public record OperationGrant(String name, String resourceType, char permission) {}
