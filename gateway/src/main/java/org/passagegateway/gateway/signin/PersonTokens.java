package org.passagegateway.gateway.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.passagegateway.gateway.security.AccessTokenIssuer;
import org.passagegateway.gateway.security.AccessTokenIssuer.IssuedToken;
import org.passagegateway.gateway.security.GatewayUrls;
import org.passagegateway.gateway.security.SmartScope;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The access tokens of people, for the authorization server: minted by the gateway's one
 * {@link AccessTokenIssuer}, so that the FHIR API verifies them as it verifies a client's. Only
 * access tokens: no refresh token (a console renews through the sign-in session while it lasts)
 * and no ID token.
 */
final class PersonTokens implements OAuth2TokenGenerator<OAuth2Token> {

  private final AccessTokenIssuer issuer;
  private final PersonAccounts people;
  private final GatewayUrls urls;

  PersonTokens(AccessTokenIssuer issuer, PersonAccounts people, GatewayUrls urls) {
    this.issuer = issuer;
    this.people = people;
    this.urls = urls;
  }

  @Override
  public OAuth2Token generate(OAuth2TokenContext context) {
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      return null;
    }
    SignedInPerson person = SignedInPerson.of(context.getPrincipal()).orElse(null);
    if (person == null || people.find(person.username())
        .filter(PersonAccount::enabled).filter(account -> account.role() == person.role())
        .filter(account -> account.credentialStamp().equals(person.credentialStamp())).isEmpty()) {
      // The account was disabled, its role changed or its credentials reset since she signed in.
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
    }
    Set<String> scopes = new LinkedHashSet<>();
    context.getAuthorizedScopes().stream().filter(scope -> SmartScope.parseUser(scope).isPresent()).forEach(scopes::add);
    HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    IssuedToken token = issuer.issueForPerson(person.username(), person.role(), scopes, urls.issuer(request),
        urls.fhirBase(request));
    Instant issuedAt = Instant.now();
    return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.accessToken(), issuedAt,
        issuedAt.plusSeconds(token.expiresIn()), scopes);
  }
}
