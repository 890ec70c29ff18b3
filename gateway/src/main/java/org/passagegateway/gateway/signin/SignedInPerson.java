package org.passagegateway.gateway.signin;

import java.io.Serializable;
import java.security.Principal;
import org.passagegateway.gateway.security.Role;

/**
 * Who signed in, as her sign-in session and the authorization codes issued to her know her, with
 * the stamp of the credentials she signed in with ({@link PersonAccount#credentialStamp()}).
 */
record SignedInPerson(String username, Role role, String credentialStamp) implements Principal, Serializable {

  /** Who signed in, by password here or through the external provider. */
  static java.util.Optional<SignedInPerson> of(org.springframework.security.core.Authentication authentication) {
    Object principal = authentication == null ? null : authentication.getPrincipal();
    if (principal instanceof SignedInPerson person) {
      return java.util.Optional.of(person);
    }
    return principal instanceof ExternalPerson external ? java.util.Optional.of(external.person()) : java.util.Optional.empty();
  }

  @Override
  public String getName() {
    return username;
  }
}
