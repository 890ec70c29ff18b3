package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;

/**
 * One door for every endpoint: only what is declared open answers without a token, every other
 * path needs one, and a path nobody declared is refused to everyone, whatever the role.
 */
class GatewayDoorTest extends H2GatewayTest {

  private static final List<String> OPEN = List.of("/actuator/health", "/actuator/health/liveness",
      "/actuator/health/readiness", "/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration",
      "/auth/jwks", "/fhir/metadata", "/console", "/console/", "/console/i18n/en.json", "/signin");

  private static final List<String> CLOSED = List.of("/actuator", "/actuator/info", "/actuator/env", "/actuator/beans",
      "/admin/clients", "/admin/clients/demo-site-hr-1", "/audit/export", "/packages/passage.fhir/0.1.0",
      "/fhir/Organization/hr-1", "/fhir", "/no/such/page", "/error", "/h2-console", "/admin/accounts");

  @Test
  void whenNoTokenIsSentThenOnlyTheDeclaredOpenEndpointsAnswer() {
    for (String path : OPEN) {
      assertThat(anonymousHttp().get(path).status()).as(path).isEqualTo(200);
    }
    for (String path : CLOSED) {
      assertUnauthenticated(anonymousHttp().get(path), path);
    }
    assertUnauthenticated(anonymousHttp().send("DELETE", "/actuator/health", null, new byte[0]), "DELETE health");
    assertUnauthenticated(anonymousHttp().send("PUT", "/admin/clients/x", "application/json",
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "PUT admin");
  }

  @Test
  void whenATokenIsNotTheGatewaysThenItIsRefusedWithAnInvalidTokenChallenge() {
    Response refused = anonymousHttp().send("GET", "/packages/passage.fhir/0.1.0", null, null, "Authorization",
        "Bearer not-a-token");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-3001");
    assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"passage\", error=\"invalid_token\"");
    assertThat(refused.body()).doesNotContain("not-a-token");
  }

  @Test
  void whenARoleTheRuleDoesNotNameOrAnUndeclaredPathIsAskedThenItIsForbiddenToEveryRole() {
    for (String client : List.of("demo-site-hr-1", AUDITOR, ADMIN)) {
      RawHttp http = httpAs(client);
      for (String path : List.of("/actuator", "/actuator/info", "/no/such/page", "/error", "/oauth2/jwks",
          "/.well-known/oauth-authorization-server", "/oauth2/introspect")) {
        assertForbidden(http.get(path), client + " " + path);
      }
      assertForbidden(http.send("DELETE", "/actuator/health", null, new byte[0]), client + " DELETE health");
    }
    assertForbidden(http().get("/admin/clients/demo-site-hr-1"), "a site reading the registry");
    assertForbidden(httpAs(AUDITOR).get("/admin/clients/demo-site-hr-1"), "an auditor reading the registry");
    assertForbidden(http().get("/audit/export"), "a site exporting the log");
    assertForbidden(httpAs(ADMIN).get("/audit/export"), "an admin exporting the log");
  }

  @Test
  void whenTheRoleIsTheOneTheRuleNamesThenTheEndpointAnswers() {
    assertThat(httpAs(ADMIN).get("/admin/clients/demo-site-hr-1").status()).isEqualTo(200);
    assertThat(httpAs(AUDITOR).get("/audit/export").status()).isEqualTo(200);
    assertThat(http().get("/packages/passage.fhir").status()).isEqualTo(200);
  }

  private static void assertUnauthenticated(Response response, String what) {
    assertThat(response.status()).as(what).isEqualTo(401);
    assertThat(response.passageCode()).as(what).isEqualTo("PASSAGE-3001");
    assertThat(response.header("WWW-Authenticate")).as(what).isEqualTo("Bearer realm=\"passage\"");
    assertThat(response.contentType()).as(what).startsWith("application/fhir+json");
  }

  private static void assertForbidden(Response response, String what) {
    assertThat(response.status()).as(what).isEqualTo(403);
    assertThat(response.passageCode()).as(what).isEqualTo("PASSAGE-3002");
  }
}
