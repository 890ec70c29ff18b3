package org.passagegateway.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;

/**
 * Verifies a bearer access token the gateway issued: its signature by one of the gateway's keys
 * (by {@code kid}, ES256 or RS256 only), issuer, audience and expiry, and that its client is still
 * registered and enabled with the same role, so that disabling a client ends its tokens at once.
 * Every failure is the same 401: the answer never says which check failed.
 */
public final class AccessTokenVerifier {

  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

  private final GatewaySigningKeys keys;
  private final ClientRegistry registry;
  private final Clock clock;

  public AccessTokenVerifier(GatewaySigningKeys keys, ClientRegistry registry, Clock clock) {
    this.keys = keys;
    this.registry = registry;
    this.clock = clock;
  }

  /** The caller an {@code Authorization} header authenticates, for a gateway at {@code issuer} and {@code audience}. */
  public Caller verify(String authorization, String issuer, String audience) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw PassageError.AUTHENTICATION_REQUIRED.exception();
    }
    try {
      SignedJWT token = SignedJWT.parse(authorization.substring(7).trim());
      JWK key = token.getHeader().getKeyID() == null ? null
          : keys.verificationKeys().getKeyByKeyId(token.getHeader().getKeyID());
      if (key == null || !ALGORITHMS.contains(token.getHeader().getAlgorithm()) || !verified(token, key)) {
        throw PassageError.AUTHENTICATION_REQUIRED.exception();
      }
      JWTClaimsSet claims = token.getJWTClaimsSet();
      boolean current = issuer.equals(claims.getIssuer())
          && claims.getAudience() != null && claims.getAudience().contains(audience)
          && claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(clock.instant());
      if (!current) {
        throw PassageError.AUTHENTICATION_REQUIRED.exception();
      }
      String role = claims.getStringClaim(AccessTokenIssuer.ROLE_CLAIM);
      RegisteredClient client = registry.find(claims.getSubject()).filter(RegisteredClient::enabled)
          .filter(c -> c.role().code().equals(role))
          .orElseThrow(() -> PassageError.AUTHENTICATION_REQUIRED.exception());
      return new Caller(client.clientId(), client.role(), client.organization(), scopes(claims.getStringClaim("scope")));
    } catch (ParseException | JOSEException e) {
      throw PassageError.AUTHENTICATION_REQUIRED.exception();
    }
  }

  private static boolean verified(SignedJWT token, JWK key) throws JOSEException {
    List<Key> javaKeys = KeyConverter.toJavaKeys(List.of(key));
    return !javaKeys.isEmpty() && token.verify(new DefaultJWSVerifierFactory().createJWSVerifier(token.getHeader(), javaKeys.get(0)));
  }

  private static Set<SmartScope> scopes(String scope) {
    Set<SmartScope> scopes = new LinkedHashSet<>();
    if (scope != null) {
      Arrays.stream(scope.trim().split("\\s+")).map(SmartScope::parse).flatMap(Optional::stream).forEach(scopes::add);
    }
    return scopes;
  }
}
