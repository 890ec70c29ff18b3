package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.DemoCredentials.Client;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;

/** Admins manage the client registry over HTTP; nobody else may, and disabling a client ends its tokens at once. */
class ClientAdministrationTest extends H2GatewayTest {

  @Test
  void whenAnAdminRegistersASiteClientThenThatClientCanGetATokenWithItsKey() throws JOSEException {
    ECKey key = new ECKeyGenerator(Curve.P_384).keyID("new-site-key-1").generate();

    Response registered = put("/admin/clients/new-site", admin(), """
        {"organization": "Organization/tb-1", "role": "site", "scope": "system/Task.cruds",
         "jwks": %s}""".formatted(new JWKSet(key).toString(false)));

    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.body()).contains("\"organization\":\"Organization/tb-1\"").doesNotContain("\"d\"");
    Client client = new Client("new-site", "Organization/tb-1", "site", "system/Task.cruds", key);
    assertThat(AccessTokens.of(anonymousHttp(), port, client, "system/Task.rs")).isNotBlank();
  }

  @Test
  void whenASiteIsRegisteredWithAJwksUrlThenItsKeysAreFetchedAndARotationThereIsPickedUp() throws Exception {
    ECKey first = new ECKeyGenerator(Curve.P_384).keyID("published-1").generate();
    ECKey second = new ECKeyGenerator(Curve.P_384).keyID("published-2").generate();
    java.util.concurrent.atomic.AtomicReference<String> published =
        new java.util.concurrent.atomic.AtomicReference<>(new JWKSet(first.toPublicJWK()).toString());
    com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/jwks.json", exchange -> {
      byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();
    try {
      String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/jwks.json";
      Response registered = put("/admin/clients/site-by-url", admin(), """
          {"organization": "Organization/tb-1", "role": "site", "scope": "system/Task.rs", "jwks_uri": "%s"}"""
          .formatted(url));
      assertThat(registered.status()).isEqualTo(200);
      assertThat(registered.body()).contains("\"jwks_uri\":\"" + url + "\"").doesNotContain("\"jwks\"");
      Client withFirst = new Client("site-by-url", "Organization/tb-1", "site", "system/Task.rs", first);
      Client withSecond = new Client("site-by-url", "Organization/tb-1", "site", "system/Task.rs", second);
      assertThat(AccessTokens.of(anonymousHttp(), port, withFirst, "system/Task.rs")).isNotBlank();

      // The site rotates by publishing its new key; the old one goes.
      published.set(new JWKSet(second.toPublicJWK()).toString());

      assertThat(AccessTokens.of(anonymousHttp(), port, withSecond, "system/Task.rs")).isNotBlank();
      assertThat(AccessTokens.request(anonymousHttp(), DemoCredentials.assertion(withFirst, tokenEndpoint()), "system/Task.rs")
          .status()).isEqualTo(401);
    } finally {
      site.stop(0);
    }
  }

  @Test
  void whenAJwksUrlIsNotAUsableUrlOrComesWithKeysThenTheRegistrationIsRefused() throws JOSEException {
    ECKey key = new ECKeyGenerator(Curve.P_384).keyID("both-1").generate();
    Response notHttp = put("/admin/clients/by-ftp", admin(), """
        {"role": "auditor", "scope": "system/AuditEvent.rs", "jwks_uri": "ftp://127.0.0.1/jwks.json"}""");
    Response both = put("/admin/clients/by-both", admin(), """
        {"role": "auditor", "scope": "system/AuditEvent.rs", "jwks_uri": "http://127.0.0.1/jwks.json", "jwks": %s}"""
        .formatted(new JWKSet(key.toPublicJWK())));
    Response relative = put("/admin/clients/by-path", admin(), """
        {"role": "auditor", "scope": "system/AuditEvent.rs", "jwks_uri": "/jwks.json"}""");

    for (Response refused : new Response[] {notHttp, both, relative}) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.passageCode()).isEqualTo("PASSAGE-1009");
      assertThat(refused.body()).doesNotContain("127.0.0.1");
    }
    assertThat(get("/admin/clients/by-ftp", admin()).status()).isEqualTo(404);
    assertThat(get("/admin/clients/by-both", admin()).status()).isEqualTo(404);
  }

  @Test
  void whenAnAdminRotatesAClientsKeysThenOnlyTheNewKeyAuthenticatesIt() throws JOSEException {
    ECKey oldKey = new ECKeyGenerator(Curve.P_384).keyID("rotating-1").generate();
    ECKey newKey = new ECKeyGenerator(Curve.P_384).keyID("rotating-2").generate();
    put("/admin/clients/rotating", admin(), """
        {"role": "auditor", "scope": "system/AuditEvent.rs", "jwks": %s}""".formatted(new JWKSet(oldKey.toPublicJWK())));

    Response rotated = put("/admin/clients/rotating/jwks", admin(), new JWKSet(newKey.toPublicJWK()).toString());

    assertThat(rotated.status()).isEqualTo(200);
    Client withOldKey = new Client("rotating", null, "auditor", "system/AuditEvent.rs", oldKey);
    Client withNewKey = new Client("rotating", null, "auditor", "system/AuditEvent.rs", newKey);
    assertThat(AccessTokens.request(anonymousHttp(), DemoCredentials.assertion(withOldKey, tokenEndpoint()), "system/AuditEvent.rs").status())
        .isEqualTo(401);
    assertThat(AccessTokens.of(anonymousHttp(), port, withNewKey, "system/AuditEvent.rs")).isNotBlank();
  }

  @Test
  void whenAClientIsDisabledThenTheTokenItAlreadyHoldsStopsWorkingAtOnce() throws JOSEException {
    ECKey key = new ECKeyGenerator(Curve.P_384).keyID("second-admin-1").generate();
    put("/admin/clients/second-admin", admin(), """
        {"role": "admin", "scope": "system/Organization.cruds", "jwks": %s}""".formatted(new JWKSet(key.toPublicJWK())));
    String token = AccessTokens.of(anonymousHttp(), port,
        new Client("second-admin", null, "admin", "system/Organization.cruds", key), "system/Organization.cruds");
    assertThat(get("/admin/clients/demo-auditor", token).status()).isEqualTo(200);

    Response disabled = anonymousHttp().send("POST", "/admin/clients/second-admin/$disable", null, null, "Authorization", "Bearer " + admin());

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.body()).contains("\"enabled\":false");
    Response refused = get("/admin/clients/demo-auditor", token);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-3001");
  }

  @Test
  void whenASiteOrAnAuditorCallsTheRegistryThenItIsForbidden() {
    String site = AccessTokens.of(anonymousHttp(), port, DemoCredentials.client("demo-site-hr-1"), "system/Task.rs");
    String auditor = AccessTokens.of(anonymousHttp(), port, DemoCredentials.client("demo-auditor"), "system/AuditEvent.rs");

    Response bySite = put("/admin/clients/demo-site-hr-1", site, """
        {"organization": "Organization/anc-1", "role": "site", "scope": "system/*.cruds", "jwks": {"keys": []}}""");

    assertThat(bySite.status()).isEqualTo(403);
    assertThat(bySite.passageCode()).isEqualTo("PASSAGE-3002");
    assertThat(get("/admin/clients/demo-admin", auditor).status()).isEqualTo(403);
  }

  @Test
  void whenTheTokenIsMissingForgedOrTamperedThenTheAnswerIsTheSame401() throws Exception {
    String token = admin();
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    ECKey foreign = new ECKeyGenerator(Curve.P_256).generate();
    com.nimbusds.jwt.SignedJWT original = com.nimbusds.jwt.SignedJWT.parse(token);
    com.nimbusds.jwt.SignedJWT forged = new com.nimbusds.jwt.SignedJWT(original.getHeader(), original.getJWTClaimsSet());
    forged.sign(new com.nimbusds.jose.crypto.ECDSASigner(foreign));

    for (Response response : new Response[] {
        anonymousHttp().get("/admin/clients/demo-admin"), get("/admin/clients/demo-admin", tampered),
        get("/admin/clients/demo-admin", forged.serialize()), get("/admin/clients/demo-admin", "not-a-jwt")}) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.passageCode()).isEqualTo("PASSAGE-3001");
      assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }
  }

  @Test
  void whenARegistrationIsInvalidThenNothingIsStored() {
    Response noOrganization = put("/admin/clients/orphan-site", admin(), """
        {"role": "site", "scope": "system/Task.rs", "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "x"}]}}""");
    Response badScope = put("/admin/clients/bad-scope", admin(), """
        {"role": "auditor", "scope": "everything", "jwks": {"keys": []}}""");
    Response symmetricKey = put("/admin/clients/hmac-auditor", admin(), """
        {"role": "auditor", "scope": "system/AuditEvent.rs", "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "x"}]}}""");

    assertThat(noOrganization.status()).isEqualTo(400);
    assertThat(badScope.status()).isEqualTo(400);
    assertThat(symmetricKey.status()).isEqualTo(400);
    assertThat(symmetricKey.body()).contains("EC or RSA");
    assertThat(get("/admin/clients/hmac-auditor", admin()).status()).isEqualTo(404);
    assertThat(get("/admin/clients/orphan-site", admin()).status()).isEqualTo(404);
    assertThat(get("/admin/clients/bad-scope", admin()).status()).isEqualTo(404);
  }

  private String admin() {
    return AccessTokens.of(anonymousHttp(), port, DemoCredentials.client("demo-admin"), "system/Organization.cruds");
  }

  private String tokenEndpoint() {
    return "http://localhost:" + port + "/auth/token";
  }

  private Response get(String path, String token) {
    return anonymousHttp().send("GET", path, null, null, "Authorization", "Bearer " + token);
  }

  private Response put(String path, String token, String json) {
    return anonymousHttp().send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + token);
  }
}
