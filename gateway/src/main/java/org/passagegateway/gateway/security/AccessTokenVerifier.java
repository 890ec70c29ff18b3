package org.passagegateway.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.passagegateway.gateway.error.PassageError;

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
  /**
   * Tokens whose signature has been verified, by their exact text. ECDSA verification is most of
   * what checking a token costs (about a millisecond on this JVM); issuer, audience, expiry and
   * the client's registration are still checked on every request. The keys are fixed for the
   * life of the process, so an entry cannot outlive the key that verified it.
   */
  private final Cache<String, Signed> verifiedSignatures = Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

  private record Signed(JWTClaimsSet claims, String role, Set<SmartScope> scopes, Optional<String> purposeOfUse) {}

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
    String token = authorization.substring(7).trim();
    Signed signed = verifiedSignatures.get(token, this::checkSignature);
    JWTClaimsSet claims = signed.claims();
    boolean current = issuer.equals(claims.getIssuer())
        && claims.getAudience() != null && claims.getAudience().contains(audience)
        && claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(clock.instant());
    if (!current) {
      throw PassageError.AUTHENTICATION_REQUIRED.exception();
    }
    RegisteredClient client = registry.find(claims.getSubject()).filter(RegisteredClient::enabled)
        .filter(c -> c.role().code().equals(signed.role()))
        .orElseThrow(() -> PassageError.AUTHENTICATION_REQUIRED.exception());
    return new Caller(client.clientId(), client.role(), client.organization(), signed.scopes(), signed.purposeOfUse());
  }

  /** The claims of a token whose signature one of the gateway's keys verifies; a 401 otherwise. */
  private Signed checkSignature(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWK key = jwt.getHeader().getKeyID() == null ? null
          : keys.verificationKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null || !ALGORITHMS.contains(jwt.getHeader().getAlgorithm()) || !verified(jwt, key)) {
        throw PassageError.AUTHENTICATION_REQUIRED.exception();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      return new Signed(claims, claims.getStringClaim(AccessTokenIssuer.ROLE_CLAIM), scopes(claims.getStringClaim("scope")),
          PurposeOfUse.parse(claims.getStringClaim(PurposeOfUse.CLAIM)));
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
