package org.passagegateway.gateway.signin;

import java.time.Instant;
import java.util.Optional;
import org.passagegateway.gateway.security.Role;

/**
 * The account of a person who signs in at the gateway: an auditor or an admin, never a site (sites
 * are systems, and use SMART Backend Services).
 *
 * @param username her sign-in name
 * @param role auditor or admin
 * @param passwordHash the password's Argon2id hash, in Spring Security's encoded form
 * @param totpSecret the second factor's shared secret (RFC 6238), base32
 * @param enabled whether she may sign in and her tokens are honoured
 * @param failedAttempts failed sign-ins since her last success
 * @param lockedUntil until when sign-in is refused after too many failures
 * @param lastCodeStep the TOTP time step of the last code accepted (a code is accepted once)
 */
public record PersonAccount(String username, Role role, String passwordHash, String totpSecret, boolean enabled,
    int failedAttempts, Optional<Instant> lockedUntil, long lastCodeStep) {

  /** Whether sign-in is refused at {@code now} for too many failures. */
  boolean lockedAt(Instant now) {
    return lockedUntil.filter(now::isBefore).isPresent();
  }
}
