package org.passagegateway.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.passagegateway.gateway.error.PassageError;

/**
 * Verifies a bearer access token the gateway issued, with Nimbus's JWT processor: its signature
 * by one of the gateway's keys (by {@code kid}, ES256 or RS256 only), then Nimbus's claims
 * verifier: issuer and audience exactly, {@code exp}, {@code iat} and {@code sub} present, expiry
 * and not-before within the allowed clock skew. Then its client must still be registered and
 * enabled with the same role, so that disabling a client ends its tokens at once. Every failure
 * is the same 401: the answer never says which check failed.
 */
public final class AccessTokenVerifier {

  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
  private static final Set<String> REQUIRED = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.AUDIENCE,
      JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.ISSUED_AT, JWTClaimNames.SUBJECT);

  private final GatewaySigningKeys keys;
  private final ClientRegistry registry;
  private final PersonDirectory people;
  private final Clock clock;
  private final Duration clockSkew;
  /** One processor per issuer and audience the gateway answers as (one, or a few behind several host names). */
  private final ConcurrentMap<String, Processor> processors = new ConcurrentHashMap<>();

  /**
   * The claims of tokens already processed, by issuer, audience and exact text. Verifying the
   * signature is most of what checking a token costs (about a millisecond for ES256 on this JVM);
   * the claims (expiry above all) and the client's registration are still checked on every
   * request. The keys are fixed for the life of the process, so an entry cannot outlive the key
   * that verified it.
   */
  private final Cache<String, Signed> processed = Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

  private record Signed(JWTClaimsSet claims, String role, boolean person, Set<SmartScope> scopes,
      Optional<String> purposeOfUse) {}

  public AccessTokenVerifier(GatewaySigningKeys keys, ClientRegistry registry, PersonDirectory people, Clock clock,
      Duration clockSkew) {
    this.keys = keys;
    this.registry = registry;
    this.people = people;
    this.clock = clock;
    this.clockSkew = clockSkew;
  }

  /** The caller a bearer token authenticates, for a gateway at {@code issuer} and {@code audience}. */
  public Caller verify(String token, String issuer, String audience) {
    if (token == null || token.isBlank()) {
      throw PassageError.AUTHENTICATION_REQUIRED.exception();
    }
    Processor processor = processors.computeIfAbsent(issuer + " " + audience, key -> new Processor(issuer, audience));
    Signed signed = processed.get(issuer + " " + audience + " " + token, key -> processor.process(token));
    try {
      processor.claims.verify(signed.claims(), null);
    } catch (BadJWTException expired) {
      processed.invalidate(issuer + " " + audience + " " + token);
      throw PassageError.AUTHENTICATION_REQUIRED.exception();
    }
    if (signed.person()) {
      // A person's account must still be enabled, with the same role.
      String username = signed.claims().getSubject();
      Role role = people.activeRole(username).filter(r -> r.code().equals(signed.role()))
          .orElseThrow(() -> PassageError.AUTHENTICATION_REQUIRED.exception());
      return new Caller(Caller.personAgent(username), role, Optional.empty(), signed.scopes(), Optional.empty());
    }
    RegisteredClient client = registry.find(signed.claims().getSubject()).filter(RegisteredClient::enabled)
        .filter(c -> c.role().code().equals(signed.role()))
        .orElseThrow(() -> PassageError.AUTHENTICATION_REQUIRED.exception());
    return new Caller(client.clientId(), client.role(), client.organization(), signed.scopes(), signed.purposeOfUse());
  }

  /** Nimbus's processor for one issuer and audience, with the gateway's keys and clock. */
  private final class Processor {
    private final DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
    private final DefaultJWTClaimsVerifier<SecurityContext> claims;

    Processor(String issuer, String audience) {
      claims = new DefaultJWTClaimsVerifier<>(audience, new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED) {
        @Override
        protected Date currentTime() {
          return Date.from(clock.instant());
        }
      };
      claims.setMaxClockSkew((int) clockSkew.toSeconds());
      jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys.verificationKeys())));
      jwt.setJWTClaimsSetVerifier(claims);
    }

    Signed process(String token) {
      try {
        JWTClaimsSet verified = jwt.process(token, null);
        boolean person = AccessTokenIssuer.PERSON.equals(verified.getStringClaim(AccessTokenIssuer.KIND_CLAIM));
        return new Signed(verified, verified.getStringClaim(AccessTokenIssuer.ROLE_CLAIM), person,
            scopes(verified.getStringClaim("scope"), person),
            PurposeOfUse.parse(verified.getStringClaim(PurposeOfUse.CLAIM)));
      } catch (ParseException | BadJOSEException | JOSEException refused) {
        throw PassageError.AUTHENTICATION_REQUIRED.exception();
      }
    }
  }

  /** A client's system scopes, or a person's user scopes. */
  private static Set<SmartScope> scopes(String scope, boolean person) {
    Set<SmartScope> scopes = new LinkedHashSet<>();
    if (scope != null) {
      Arrays.stream(scope.trim().split("\\s+")).map(person ? SmartScope::parseUser : SmartScope::parse)
          .flatMap(Optional::stream).forEach(scopes::add);
    }
    return scopes;
  }
}
