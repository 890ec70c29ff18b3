package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.DemoCredentials.Client;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMART Backend Services token endpoint over HTTP: the happy path for each role, and each
 * attack on a client assertion refused with the RFC 6749 error.
 */
class TokenEndpointTest extends H2GatewayTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ClientRegistry registry;

  @Test
  void whenASiteAssertsItselfThenItGetsAShortTokenForItsOrganizationAndTheScopesItMayHave() throws Exception {
    Client site = DemoCredentials.client("demo-site-hr-1");

    Response response = token(DemoCredentials.assertion(site, tokenEndpoint()), "system/Task.rs system/AuditEvent.rs");

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("token_type").asText()).isEqualTo("bearer");
    assertThat(body.get("scope").asText()).isEqualTo("system/Task.rs");
    assertThat(body.get("expires_in").asLong()).isBetween(1L, 300L);
    SignedJWT token = SignedJWT.parse(body.get("access_token").asText());
    assertThat(token.verify(new ECDSAVerifier(gatewayKey(token.getHeader().getKeyID())))).isTrue();
    JWTClaimsSet claims = token.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("demo-site-hr-1");
    assertThat(claims.getStringClaim("passage_organization")).isEqualTo("Organization/hr-1");
    assertThat(claims.getStringClaim("passage_role")).isEqualTo("site");
    assertThat(claims.getAudience()).containsExactly(fhirBase());
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isLessThanOrEqualTo(300_000L);
  }

  @Test
  void whenASiteStatesAPurposeOfUseThenItsTokenCarriesItAndAnUnknownPurposeIsRefused() throws Exception {
    Client site = DemoCredentials.client("demo-site-anc-1");

    Response stated = token(DemoCredentials.assertion(site, tokenEndpoint()), "system/Task.rs", "COC");
    Response unstated = token(DemoCredentials.assertion(site, tokenEndpoint()), "system/Task.rs");
    Response unknown = token(DemoCredentials.assertion(site, tokenEndpoint()), "system/Task.rs", "ETREAT");

    assertThat(stated.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(stated.body());
    assertThat(body.get("purpose_of_use").asText()).isEqualTo("COC");
    assertThat(SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet().getStringClaim("purpose_of_use"))
        .isEqualTo("COC");
    JsonNode none = JSON.readTree(unstated.body());
    assertThat(none.has("purpose_of_use")).isFalse();
    assertThat(SignedJWT.parse(none.get("access_token").asText()).getJWTClaimsSet().getClaim("purpose_of_use")).isNull();
    assertRefused(unknown, "invalid_request", "purpose_of_use must be one of");
  }

  @Test
  void whenAnRsaClientAnAuditorAndAnAdminAssertThemselvesThenEachGetsItsOwnScopes() throws Exception {
    Response site = token(DemoCredentials.assertion(DemoCredentials.client("demo-site-tb-1"), tokenEndpoint()), "system/ServiceRequest.rs");
    Response auditor = token(DemoCredentials.assertion(DemoCredentials.client("demo-auditor"), tokenEndpoint()), "system/AuditEvent.rs");
    Response admin = token(DemoCredentials.assertion(DemoCredentials.client("demo-admin"), tokenEndpoint()), "system/Organization.cruds");

    assertThat(JSON.readTree(site.body()).get("scope").asText()).isEqualTo("system/ServiceRequest.rs");
    assertThat(JSON.readTree(auditor.body()).get("scope").asText()).isEqualTo("system/AuditEvent.rs");
    assertThat(JSON.readTree(admin.body()).get("scope").asText()).isEqualTo("system/Organization.cruds");
  }

  @Test
  void whenAnAssertionIsReplayedThenTheClientIsRefused() {
    String assertion = DemoCredentials.assertion(DemoCredentials.client("demo-site-anc-1"), tokenEndpoint());

    assertThat(token(assertion, "system/Task.rs").status()).isEqualTo(200);
    assertRefused(token(assertion, "system/Task.rs"), "invalid_client", "jti");
  }

  @Test
  void whenTheAssertionHasExpiredOrLivesTooLongThenTheClientIsRefused() {
    Client site = DemoCredentials.client("demo-site-anc-1");
    String expired = DemoCredentials.assertion(site, tokenEndpoint(),
        c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5))), h -> {}, site.privateKey());
    String tooLong = DemoCredentials.assertion(site, tokenEndpoint(),
        c -> c.expirationTime(Date.from(Instant.now().plusSeconds(600))), h -> {}, site.privateKey());

    assertRefused(token(expired, "system/Task.rs"), "invalid_client", "expired");
    assertRefused(token(tooLong, "system/Task.rs"), "invalid_client", "minutes ahead");
  }

  @Test
  void whenTheAssertionIsForAnotherAudienceThenTheClientIsRefused() {
    Client site = DemoCredentials.client("demo-site-anc-1");
    String otherAudience = DemoCredentials.assertion(site, "https://other.example.org/auth/token");

    assertRefused(token(otherAudience, "system/Task.rs"), "invalid_client", "aud");
  }

  @Test
  void whenTheClientIsUnknownOrDisabledThenItIsRefused() throws JOSEException {
    Client site = DemoCredentials.client("demo-site-anc-1");
    String unknown = DemoCredentials.assertion(site, tokenEndpoint(),
        c -> c.issuer("nobody").subject("nobody"), h -> {}, site.privateKey());
    ECKey key = new ECKeyGenerator(Curve.P_384).keyID("disabled-key").generate();
    registry.save(new RegisteredClient("disabled-client", Optional.of("Organization/hr-1"), Role.SITE,
        new JWKSet(key.toPublicJWK()), Set.of("system/Task.rs"), false));
    Client disabled = new Client("disabled-client", "Organization/hr-1", "site", "system/Task.rs", key);

    assertRefused(token(unknown, "system/Task.rs"), "invalid_client", "not signed by a key registered");
    assertRefused(token(DemoCredentials.assertion(disabled, tokenEndpoint()), "system/Task.rs"), "invalid_client",
        "not signed by a key registered");
  }

  @Test
  void whenTheClientIsUnknownOrItsKeyIsThenTheAnswersAreTheSame() throws JOSEException {
    Client site = DemoCredentials.client("demo-site-anc-1");
    String unknownClient = DemoCredentials.assertion(site, tokenEndpoint(),
        c -> c.issuer("nobody").subject("nobody"), h -> {}, site.privateKey());
    String unknownKey = DemoCredentials.assertion(site, tokenEndpoint(), c -> {}, h -> h.keyID("no-such-key"),
        site.privateKey());
    ECKey impostor = new ECKeyGenerator(Curve.P_384).keyID(site.privateKey().getKeyID()).generate();
    String foreignKey = DemoCredentials.assertion(site, tokenEndpoint(), c -> {}, h -> {}, impostor);

    Response first = token(unknownClient, "system/Task.rs");
    for (String assertion : List.of(unknownKey, foreignKey)) {
      Response other = token(assertion, "system/Task.rs");
      assertThat(other.status()).isEqualTo(first.status());
      assertThat(other.body()).isEqualTo(first.body());
    }
  }

  @Test
  void whenTheKeyIsUnknownOrNotTheRegisteredOneThenTheClientIsRefused() throws JOSEException {
    Client site = DemoCredentials.client("demo-site-anc-1");
    String unknownKid = DemoCredentials.assertion(site, tokenEndpoint(), c -> {}, h -> h.keyID("no-such-key"), site.privateKey());
    ECKey impostor = new ECKeyGenerator(Curve.P_384).keyID(site.privateKey().getKeyID()).generate();
    String foreignKey = DemoCredentials.assertion(site, tokenEndpoint(), c -> {}, h -> {}, impostor);

    assertRefused(token(unknownKid, "system/Task.rs"), "invalid_client", "not signed by a key registered");
    assertRefused(token(foreignKey, "system/Task.rs"), "invalid_client", "not signed by a key registered");
  }

  @Test
  void whenTheAssertionIsUnsignedOrSignedWithTheClientsPublicKeyAsAnHmacSecretThenTheClientIsRefused() throws Exception {
    Client site = DemoCredentials.client("demo-site-anc-1");
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(site.clientId()).subject(site.clientId())
        .audience(tokenEndpoint()).expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build();
    String none = new PlainJWT(claims).serialize();
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(site.privateKey().getKeyID()).build(), claims);
    byte[] publicKeyAsSecret = site.privateKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    hmac.sign(new MACSigner(java.util.Arrays.copyOf(publicKeyAsSecret, Math.max(32, publicKeyAsSecret.length))));

    assertRefused(token(none, "system/Task.rs"), "invalid_client", "ES384 or RS384");
    assertRefused(token(hmac.serialize(), "system/Task.rs"), "invalid_client", "ES384 or RS384");
  }

  @Test
  void whenAClientAsksOnlyForScopesItMayNotHaveThenTheScopeIsRefused() {
    Client auditor = DemoCredentials.client("demo-auditor");

    assertRefused(token(DemoCredentials.assertion(auditor, tokenEndpoint()), "system/Task.cruds system/Patient.rs"),
        "invalid_scope", "none of the requested scopes");
  }

  @Test
  void whenAnotherGrantIsAskedForThenItIsUnsupported() {
    Response response = anonymousHttp().send("POST", "/auth/token", "application/x-www-form-urlencoded",
        "grant_type=password&username=a&password=b".getBytes(StandardCharsets.UTF_8));

    assertRefused(response, "unsupported_grant_type", "client_credentials");
  }

  @Test
  void whenTheSmartConfigurationIsReadThenItAdvertisesBackendServices() throws Exception {
    Response response = anonymousHttp().get("/fhir/.well-known/smart-configuration");

    assertThat(response.status()).isEqualTo(200);
    JsonNode configuration = JSON.readTree(response.body());
    assertThat(configuration.get("token_endpoint").asText()).isEqualTo(tokenEndpoint());
    assertThat(configuration.get("grant_types_supported").toString()).contains("client_credentials");
    assertThat(configuration.get("authorization_endpoint").asText()).endsWith("/auth/authorize");
    assertThat(configuration.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
    assertThat(configuration.get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
    assertThat(configuration.get("token_endpoint_auth_signing_alg_values_supported").toString()).contains("ES384", "RS384");
  }

  private String tokenEndpoint() {
    return "http://localhost:" + port + "/auth/token";
  }

  private ECKey gatewayKey(String kid) throws Exception {
    return (ECKey) JWKSet.parse(anonymousHttp().get("/auth/jwks").body()).getKeyByKeyId(kid);
  }

  private Response token(String assertion, String scope) {
    return token(assertion, scope, null);
  }

  private Response token(String assertion, String scope, String purposeOfUse) {
    String form = "grant_type=client_credentials"
        + "&client_assertion_type=" + URLEncoder.encode(TokenEndpoint.JWT_BEARER, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + (purposeOfUse == null ? "" : "&purpose_of_use=" + purposeOfUse);
    return anonymousHttp().send("POST", "/auth/token", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(Response response, String error, String descriptionPart) {
    assertThat(response.status()).isEqualTo("invalid_client".equals(error) ? 401 : 400);
    try {
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("error").asText()).isEqualTo(error);
      assertThat(body.get("error_description").asText()).contains(descriptionPart);
      assertThat(body.has("access_token")).isFalse();
    } catch (java.io.IOException e) {
      throw new AssertionError(response.body(), e);
    }
  }
}
