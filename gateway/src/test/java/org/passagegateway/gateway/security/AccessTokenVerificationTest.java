package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;

/**
 * Access tokens as the gateway checks them, minted here with the test gateway's own keys: a key
 * being rotated out still verifies; an expired token, a wrong issuer or audience, or a role the
 * registry does not give the client, does not.
 */
class AccessTokenVerificationTest extends H2GatewayTest {

  private static final GatewaySigningKeys KEYS = GatewaySigningKeys.load(
      List.of(GatewaySigningKeysTest.EC_SEC1, GatewaySigningKeysTest.RSA_PKCS8));

  @Test
  void whenATokenIsSignedByTheKeyBeingRotatedOutThenItStillVerifies() throws JOSEException {
    JWK oldKey = GatewaySigningKeys.load(List.of(GatewaySigningKeysTest.RSA_PKCS8)).current();

    assertThat(readRegistry(token(oldKey, JWSAlgorithm.RS256, claims -> {})).status()).isEqualTo(200);
    assertThat(readRegistry(token(KEYS.current(), JWSAlgorithm.ES256, claims -> {})).status()).isEqualTo(200);
    assertThat(readFhir(token(oldKey, JWSAlgorithm.RS256, claims -> {})).status()).isEqualTo(200);
  }

  @Test
  void whenATokenHasExpiredThenItIsRefused() throws JOSEException {
    String expired = token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims
        .issueTime(Date.from(Instant.now().minusSeconds(600))).expirationTime(Date.from(Instant.now().minusSeconds(300))));

    assertRefused(readRegistry(expired));
    assertRefused(readFhir(expired));
  }

  @Test
  void whenATokenIsSignedByAKeyTheGatewayDoesNotHoldThenItIsRefused() throws JOSEException {
    JWK foreign = new ECKeyGenerator(Curve.P_256).keyID(KEYS.current().getKeyID()).generate();

    assertRefused(readRegistry(token(foreign, JWSAlgorithm.ES256, claims -> {})));
    assertRefused(readFhir(token(foreign, JWSAlgorithm.ES256, claims -> {})));
  }

  @Test
  void whenATokenNamesAnotherIssuerAudienceOrRoleThenItIsRefused() throws JOSEException {
    assertRefused(readRegistry(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.issuer("https://evil.example.org/auth"))));
    assertRefused(readRegistry(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.audience("https://other.example.org/fhir"))));
    assertRefused(readRegistry(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.claim("passage_role", "site"))));
    assertRefused(readFhir(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.issuer("https://evil.example.org/auth"))));
    assertRefused(readFhir(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.audience("https://other.example.org/fhir"))));
  }

  @Test
  void whenATokenIsNotValidYetOrLacksItsIssueTimeOrSubjectThenItIsRefused() throws JOSEException {
    assertRefused(readRegistry(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims
        .notBeforeTime(Date.from(Instant.now().plusSeconds(120))))));
    assertRefused(readRegistry(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.issueTime(null))));
    assertRefused(readFhir(token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims.subject(null))));
  }

  @Test
  void whenATokenExpiredWithinTheAllowedClockSkewThenItStillVerifies() throws JOSEException {
    String justExpired = token(KEYS.current(), JWSAlgorithm.ES256, claims -> claims
        .issueTime(Date.from(Instant.now().minusSeconds(120))).expirationTime(Date.from(Instant.now().minusSeconds(5))));

    assertThat(readRegistry(justExpired).status()).isEqualTo(200);
  }

  private String token(JWK key, JWSAlgorithm algorithm, Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer("http://localhost:" + port + "/auth").subject("demo-admin").audience(fhirBase())
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString())
        .claim("scope", "system/Organization.cruds").claim("passage_role", "admin");
    change.accept(claims);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims.build());
    jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
    return jwt.serialize();
  }

  private Response readFhir(String token) {
    return anonymousHttp().send("GET", "/fhir/Organization/hr-1", null, null, "Authorization", "Bearer " + token);
  }

  private Response readRegistry(String token) {
    return anonymousHttp().send("GET", "/admin/clients/demo-auditor", null, null, "Authorization", "Bearer " + token);
  }

  private static void assertRefused(Response response) {
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-3001");
  }
}
