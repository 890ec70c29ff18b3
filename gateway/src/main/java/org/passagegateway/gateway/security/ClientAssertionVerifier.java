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
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
  private final ClientKeys keys;
  private final AssertionReplayStore replays;
  private final Duration maxLifetime;
  private final Clock clock;

  public ClientAssertionVerifier(
      ClientRegistry registry, ClientKeys keys, AssertionReplayStore replays, Duration maxLifetime, Clock clock) {
    this.registry = registry;
    this.keys = keys;
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
    Optional<RegisteredClient> registered = registry.find(clientId).filter(RegisteredClient::enabled);
    // An unknown or disabled client gets the very answer of a known one whose key does not verify
    // the assertion, after the same work: the token endpoint tells no one which client ids exist.
    RegisteredClient client = registered.orElse(null);
    if (!checkSignature(jwt, client) || client == null) {
      throw invalid(NOT_VERIFIED);
    }
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

  /**
   * Whether a key registered for the client (by {@code kid}) verifies the assertion. Without a
   * client or a key, a stand-in key of the assertion's algorithm is tried all the same (and fails),
   * so that the answer takes as long as for a real client.
   */
  private boolean checkSignature(SignedJWT jwt, RegisteredClient client) {
    String kid = jwt.getHeader().getKeyID();
    JWK key = client == null || kid == null ? null : keys.key(client, kid).orElse(null);
    boolean registered = key != null;
    JWK used = registered ? key : STAND_IN.get(jwt.getHeader().getAlgorithm());
    try {
      Optional<JWSVerifier> verifier = verifier(jwt.getHeader().getAlgorithm(), used);
      return verifier.isPresent() && jwt.verify(verifier.get()) && registered;
    } catch (JOSEException e) {
      return false;
    }
  }

  private static Optional<JWSVerifier> verifier(JWSAlgorithm algorithm, JWK key) throws JOSEException {
    if (algorithm.equals(JWSAlgorithm.ES384) && key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve())) {
      return Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
    }
    if (algorithm.equals(JWSAlgorithm.RS384) && key instanceof RSAKey rsa) {
      return Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
    }
    return Optional.empty();
  }

  private static final String NOT_VERIFIED = "the assertion is not signed by a key registered for an enabled client";

  /** Public keys no client holds, one per accepted algorithm. */
  private static final Map<JWSAlgorithm, JWK> STAND_IN = standIns();

  private static Map<JWSAlgorithm, JWK> standIns() {
    try {
      return Map.of(JWSAlgorithm.ES384, new ECKeyGenerator(Curve.P_384).generate().toPublicJWK(),
          JWSAlgorithm.RS384, new RSAKeyGenerator(2048).generate().toPublicJWK());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make the stand-in keys", e);
    }
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
