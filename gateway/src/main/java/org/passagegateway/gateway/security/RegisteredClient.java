package org.passagegateway.gateway.security;

import java.net.URI;
import org.passagegateway.gateway.error.PassageError;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the registry: its id, the Organization it acts for (sites only), its role, its
 * public keys (given, or fetched from its JWKS URL) and the SMART v2 system scopes it may be granted.
 */
public record RegisteredClient(
    String clientId, Optional<String> organization, Role role, JWKSet publicKeys, Set<String> allowedScopes,
    boolean enabled, Optional<URI> jwksUri) {

  /** A client whose public keys are given in its registration. */
  public RegisteredClient(String clientId, Optional<String> organization, Role role, JWKSet publicKeys,
      Set<String> allowedScopes, boolean enabled) {
    this(clientId, organization, role, publicKeys, allowedScopes, enabled, Optional.empty());
  }

  /** A client id never begins as a person's agent name does ({@link Caller#PERSON_PREFIX}), whoever registers it. */
  public RegisteredClient {
    if (Caller.isPersonAgent(clientId)) {
      throw PassageError.INVALID_REQUEST.exception("A client id may not begin with " + Caller.PERSON_PREFIX
          + " (people who sign in are named so)");
    }
  }
}
