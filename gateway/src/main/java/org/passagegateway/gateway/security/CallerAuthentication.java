package org.passagegateway.gateway.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** A request's caller as Spring Security holds it, once the gateway's door has verified its token. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

  private final Caller caller;

  CallerAuthentication(Caller caller) {
    super(List.of(new SimpleGrantedAuthority(authority(caller.role()))));
    this.caller = caller;
    setAuthenticated(true);
  }

  /** The authority a role grants, as the door's rules name it. */
  static String authority(Role role) {
    return "ROLE_" + role.code().toUpperCase(Locale.ROOT);
  }

  /** The caller of the request being served, if its token was verified. */
  public static Optional<Caller> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication instanceof CallerAuthentication verified ? Optional.of(verified.caller) : Optional.empty();
  }

  /** The caller of the request being served, who must have the role (else 403, as the door answers). */
  public static Caller require(Role role) {
    return current().filter(caller -> caller.role() == role)
        .orElseThrow(() -> org.passagegateway.gateway.error.PassageError.FORBIDDEN.exception());
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public String getName() {
    return caller.clientId();
  }
}
