package org.passagegateway.gateway.security;

import org.passagegateway.gateway.error.PassageError;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the registry: its id, the Organization it acts for (sites only), its role, its
 * public keys and the SMART v2 system scopes it may be granted.
 */
public record RegisteredClient(
    String clientId, Optional<String> organization, Role role, JWKSet publicKeys, Set<String> allowedScopes,
    boolean enabled) {

  /** A client id never begins as a person's agent name does ({@link Caller#PERSON_PREFIX}), whoever registers it. */
  public RegisteredClient {
    if (Caller.isPersonAgent(clientId)) {
      throw PassageError.INVALID_REQUEST.exception("A client id may not begin with " + Caller.PERSON_PREFIX
          + " (people who sign in are named so)");
    }
  }
}
