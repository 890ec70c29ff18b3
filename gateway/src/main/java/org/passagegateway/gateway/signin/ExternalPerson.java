package org.passagegateway.gateway.signin;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in through the external provider: her verified ID token, and the account it is
 * linked to, which decides her role as it does for a password sign-in.
 */
final class ExternalPerson extends DefaultOidcUser {

  private final SignedInPerson person;

  ExternalPerson(OidcIdToken idToken, SignedInPerson person) {
    super(List.of(new SimpleGrantedAuthority("PERSON_" + person.role().name())), idToken);
    this.person = person;
  }

  SignedInPerson person() {
    return person;
  }

  /** Her account's name, not the provider's subject: the authorization server keys codes by it. */
  @Override
  public String getName() {
    return person.username();
  }
}
