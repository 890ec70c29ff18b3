package org.passagegateway.gateway.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.passagegateway.gateway.security.Caller;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The rule of signing in through the external provider, once Spring Security has verified the ID
 * token (its signature by the provider's published keys, issuer, audience, expiry and nonce): the
 * token's issuer and subject must be those an admin linked to an enabled account, she must have
 * authenticated at the provider just now (each sign-in asks it to authenticate her again), and the
 * provider must report one of the required authentication methods. The account's role is hers;
 * nothing the provider says about roles counts. Every outcome is audited as a password sign-in's is.
 */
final class ExternalPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

  /** The error of a refusal decided here (already audited, unlike the provider's own failures). */
  static final String REFUSED = "passage_refused";

  private final PersonAccounts accounts;
  private final SignInAudit audit;
  private final List<String> requiredAmr;
  private final Duration maxAuthenticationAge;
  private final Clock clock;

  ExternalPeople(PersonAccounts accounts, SignInAudit audit, ExternalProviderProperties properties, Clock clock) {
    this.accounts = accounts;
    this.audit = audit;
    this.requiredAmr = properties.requiredAmr();
    this.maxAuthenticationAge = properties.maxAuthenticationAge();
    this.clock = clock;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcIdToken token = request.getIdToken();
    String issuer = token.getIssuer() == null ? "" : token.getIssuer().toString();
    Optional<PersonAccount> linked = accounts.findByProvider(issuer, token.getSubject());
    boolean admitted = linked.filter(PersonAccount::enabled).isPresent() && recent(token) && methodsSuffice(token);
    audit.attempted(linked.map(account -> Caller.personAgent(account.username())).orElse(SignInAudit.NO_ACCOUNT),
        admitted);
    if (!admitted) {
      // As a refused password: the page says only that sign-in was refused.
      throw new OAuth2AuthenticationException(new OAuth2Error(REFUSED), "sign-in refused");
    }
    PersonAccount account = linked.get();
    return new ExternalPerson(token, new SignedInPerson(account.username(), account.role(), account.credentialStamp()));
  }

  /** She authenticated at the provider for this sign-in, not in a session left open before it. */
  private boolean recent(OidcIdToken token) {
    Instant authenticated = token.getAuthenticatedAt();
    return authenticated == null || !authenticated.isBefore(clock.instant().minus(maxAuthenticationAge));
  }

  private boolean methodsSuffice(OidcIdToken token) {
    if (requiredAmr.isEmpty()) {
      return true;
    }
    List<String> methods = token.getClaimAsStringList("amr");
    return methods != null && methods.stream().anyMatch(requiredAmr::contains);
  }
}
