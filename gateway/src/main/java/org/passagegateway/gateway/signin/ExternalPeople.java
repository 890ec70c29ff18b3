package org.passagegateway.gateway.signin;

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
 * token's subject must be the one an admin linked to an enabled account, and the provider must
 * report one of the required authentication methods. The account's role is hers; nothing the
 * provider says about roles counts. Every outcome is audited as a password sign-in's is.
 */
final class ExternalPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final PersonAccounts accounts;
  private final SignInAudit audit;
  private final List<String> requiredAmr;

  ExternalPeople(PersonAccounts accounts, SignInAudit audit, ExternalProviderProperties properties) {
    this.accounts = accounts;
    this.audit = audit;
    this.requiredAmr = properties.requiredAmr();
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcIdToken token = request.getIdToken();
    Optional<PersonAccount> linked = accounts.findByProviderSubject(token.getSubject());
    boolean admitted = linked.filter(PersonAccount::enabled).isPresent() && methodsSuffice(token);
    audit.attempted(linked.map(account -> Caller.personAgent(account.username())).orElse(SignInAudit.NO_ACCOUNT),
        admitted);
    if (!admitted) {
      // As a refused password: the page says only that sign-in was refused.
      throw new OAuth2AuthenticationException(new OAuth2Error("access_denied"), "sign-in refused");
    }
    PersonAccount account = linked.get();
    return new ExternalPerson(token, new SignedInPerson(account.username(), account.role(), account.credentialStamp()));
  }

  private boolean methodsSuffice(OidcIdToken token) {
    if (requiredAmr.isEmpty()) {
      return true;
    }
    List<String> methods = token.getClaimAsStringList("amr");
    return methods != null && methods.stream().anyMatch(requiredAmr::contains);
  }
}
