package org.passagegateway.gateway.signin;

import java.io.Serializable;
import java.security.Principal;
import org.passagegateway.gateway.security.Role;

/**
 * Who signed in, as her sign-in session and the authorization codes issued to her know her, with
 * the stamp of the credentials she signed in with ({@link PersonAccount#credentialStamp()}).
 */
record SignedInPerson(String username, Role role, String credentialStamp) implements Principal, Serializable {

  @Override
  public String getName() {
    return username;
  }
}
