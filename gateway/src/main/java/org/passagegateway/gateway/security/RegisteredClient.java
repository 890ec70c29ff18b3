package org.passagegateway.gateway.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the registry: its id, the Organization it acts for (sites only), its role, its
 * public keys and the SMART v2 system scopes it may be granted.
 */
public record RegisteredClient(
    String clientId, Optional<String> organization, Role role, JWKSet publicKeys, Set<String> allowedScopes,
    boolean enabled) {}
