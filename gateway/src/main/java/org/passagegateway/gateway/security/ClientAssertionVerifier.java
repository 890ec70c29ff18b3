package org.passagegateway.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Authenticates a client by its {@code private_key_jwt} assertion (RFC 7523, SMART Backend
 * Services): an ES384 or RS384 signature by a key the client registered (by {@code kid}), {@code
 * iss} = {@code sub} = its client id, {@code aud} = the token endpoint, an {@code exp} in the next
 * five minutes, and a {@code jti} it has never used. Every failure is {@code invalid_client}.
 */
public final class ClientAssertionVerifier {

  /** The only algorithms accepted: SMART's required pair. Never "none", never HMAC. */
  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);

  private final ClientRegistry registry;
  private final AssertionReplayStore replays;
  private final Duration maxLifetime;
  private final Clock clock;

  public ClientAssertionVerifier(
      ClientRegistry registry, AssertionReplayStore replays, Duration maxLifetime, Clock clock) {
    this.registry = registry;
    this.replays = replays;
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  /** The client the assertion authenticates, addressed to {@code tokenEndpoint}. */
  public RegisteredClient verify(String assertion, String tokenEndpoint) {
    SignedJWT jwt = signed(assertion);
    JWTClaimsSet claims = claims(jwt);
    String clientId = claims.getIssuer();
    if (clientId == null || !clientId.equals(claims.getSubject())) {
      throw invalid("the assertion's iss and sub must both be the client id");
    }
    RegisteredClient client = registry.find(clientId).filter(RegisteredClient::enabled)
        .orElseThrow(() -> invalid("unknown or disabled client"));
    checkSignature(jwt, client);
    if (claims.getAudience() == null || !claims.getAudience().contains(tokenEndpoint)) {
      throw invalid("the assertion's aud must be the token endpoint URL");
    }
    Instant expiry = checkExpiry(claims);
    if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
      throw invalid("the assertion has no jti");
    }
    if (!replays.firstUse(clientId, claims.getJWTID(), expiry)) {
      throw invalid("the assertion's jti has been used before");
    }
    return client;
  }

  private static SignedJWT signed(String assertion) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(assertion);
    } catch (ParseException e) {
      throw invalid("the client assertion is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed) || !ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
      throw invalid("the client assertion must be signed with ES384 or RS384");
    }
    return signed;
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("the client assertion's claims are not valid JSON");
    }
  }

  private static void checkSignature(SignedJWT jwt, RegisteredClient client) {
    String kid = jwt.getHeader().getKeyID();
    JWK key = kid == null ? null : client.publicKeys().getKeyByKeyId(kid);
    if (key == null) {
      throw invalid("the assertion's kid names no key registered for the client");
    }
    try {
      if (!jwt.verify(verifier(jwt.getHeader().getAlgorithm(), key))) {
        throw invalid("the assertion's signature does not verify");
      }
    } catch (JOSEException e) {
      throw invalid("the assertion's signature cannot be verified with the registered key");
    }
  }

  private static JWSVerifier verifier(JWSAlgorithm algorithm, JWK key) throws JOSEException {
    if (algorithm.equals(JWSAlgorithm.ES384) && key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve())) {
      return new ECDSAVerifier(ec.toECPublicKey());
    }
    if (algorithm.equals(JWSAlgorithm.RS384) && key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    throw invalid("the registered key does not fit the assertion's algorithm");
  }

  private Instant checkExpiry(JWTClaimsSet claims) {
    if (claims.getExpirationTime() == null) {
      throw invalid("the assertion has no exp");
    }
    Instant expiry = claims.getExpirationTime().toInstant();
    Instant now = clock.instant();
    if (!expiry.isAfter(now)) {
      throw invalid("the assertion has expired");
    }
    if (expiry.isAfter(now.plus(maxLifetime))) {
      throw invalid("the assertion's exp is more than " + maxLifetime.toMinutes() + " minutes ahead");
    }
    return expiry;
  }

  private static TokenError.Failure invalid(String description) {
    return TokenError.INVALID_CLIENT.failure(description);
  }
}
