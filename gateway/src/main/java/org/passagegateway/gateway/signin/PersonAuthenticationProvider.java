package org.passagegateway.gateway.signin;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The sign-in form's submission, decided by {@link SignInAttempts}, where passwords are allowed. */
final class PersonAuthenticationProvider implements AuthenticationProvider {

  private final SignInAttempts attempts;
  private final boolean passwordSignIn;

  PersonAuthenticationProvider(SignInAttempts attempts, boolean passwordSignIn) {
    this.attempts = attempts;
    this.passwordSignIn = passwordSignIn;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    SignInDetails details = authentication.getDetails() instanceof SignInDetails d ? d : null;
    String code = details == null ? null : details.code();
    String address = details == null ? "unknown" : details.getRemoteAddress();
    if (!passwordSignIn) {
      // Everyone signs in through the external provider (passage.signin.password-sign-in=false):
      // refused unchecked, and audited as such.
      attempts.refusedUnchecked(address);
      throw new BadCredentialsException("sign-in refused");
    }
    Object password = authentication.getCredentials();
    PersonAccount account = attempts.attempt(authentication.getName(), password == null ? null : password.toString(),
        code, address).orElseThrow(() -> new BadCredentialsException("sign-in refused"));
    return UsernamePasswordAuthenticationToken.authenticated(new SignedInPerson(account.username(), account.role(), account.credentialStamp()),
        null, List.of(new SimpleGrantedAuthority("PERSON_" + account.role().name())));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
