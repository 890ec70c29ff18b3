package org.passagegateway.gateway.security;

import java.util.Optional;

/**
 * The people who sign in at the gateway (auditors and admins; the sign-in feature keeps their
 * accounts): asked on every request a person's token makes, so that disabling an account ends its
 * tokens at once, as disabling a client does.
 */
@FunctionalInterface
public interface PersonDirectory {

  /** The role of the person's account if it exists and is enabled; empty otherwise. */
  Optional<Role> activeRole(String username);
}
