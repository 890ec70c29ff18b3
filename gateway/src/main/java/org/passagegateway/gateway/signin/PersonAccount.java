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
 * @param provider her identity at the external OpenID Connect provider (its issuer and her
 *     subject there), if she signs in there: then never with a password here (her password hash
 *     and second factor are random, and never told)
 */
public record PersonAccount(String username, Role role, String passwordHash, String totpSecret, boolean enabled,
    int failedAttempts, Optional<Instant> lockedUntil, long lastCodeStep, Optional<ProviderIdentity> provider) {

  /** An identity at an OpenID Connect provider: the issuer and the subject ({@code sub}) it gives her. */
  public record ProviderIdentity(String issuer, String subject) {}

  /** A new account, enabled, that signs in with a password and one-time code. */
  public static PersonAccount withPassword(String username, Role role, String passwordHash, String totpSecret) {
    return new PersonAccount(username, role, passwordHash, totpSecret, true, 0, Optional.empty(), 0, Optional.empty());
  }

  /**
   * A short digest of her credentials (password hash, second factor, identity at the provider): a sign-in session
   * carries the one it began with, so that an admin's reset ends the sessions opened before it.
   */
  String credentialStamp() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest((passwordHash + "\n" + totpSecret + "\n" + provider.map(p -> p.issuer() + " " + p.subject()).orElse("")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether sign-in is refused at {@code now} for too many failures. */
  boolean lockedAt(Instant now) {
    return lockedUntil.filter(now::isBefore).isPresent();
  }
}
