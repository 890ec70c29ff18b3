package org.passagegateway.gateway.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's record of authorizations (a code, then the token it was exchanged
 * for), kept on this node for ten minutes and then forgotten: a code lives a minute, a token five,
 * and nothing later asks for either (no refresh tokens, no introspection). Spring Authorization
 * Server's in-memory service keeps every completed authorization until the process ends.
 */
final class ExpiringAuthorizations implements OAuth2AuthorizationService {

  private final Cache<String, OAuth2Authorization> authorizations = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000).build();

  @Override
  public void save(OAuth2Authorization authorization) {
    authorizations.put(authorization.getId(), authorization);
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    authorizations.invalidate(authorization.getId());
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return authorizations.getIfPresent(id);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return authorizations.asMap().values().stream().filter(authorization -> holds(authorization, token, tokenType))
        .findFirst().orElse(null);
  }

  private static boolean holds(OAuth2Authorization authorization, String token, OAuth2TokenType type) {
    boolean state = token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
    if (type != null && OAuth2ParameterNames.STATE.equals(type.getValue())) {
      return state;
    }
    OAuth2Authorization.Token<?> held = authorization.getToken(token);
    if (type == null) {
      return state || held != null;
    }
    if (held == null) {
      return false;
    }
    if (OAuth2ParameterNames.CODE.equals(type.getValue())) {
      return held.getToken() instanceof OAuth2AuthorizationCode;
    }
    return OAuth2TokenType.ACCESS_TOKEN.equals(type) && held.getToken() instanceof OAuth2AccessToken;
  }
}
