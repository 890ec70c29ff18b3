package org.passagegateway.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.gateway.support.TcpProxy;
import org.passagegateway.gateway.support.TestDatabases;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * A gateway node whose database goes away (a failover, a partition) and comes back: while it is
 * gone every request that needs it is answered 503 {@code PASSAGE-9002} with {@code Retry-After}
 * and an OperationOutcome, nothing half-written stays, readiness says the node is not ready; once
 * it is back the same node serves again, without a restart.
 */
class DatabaseOutageTest {

  private static final String FHIR_JSON = "application/fhir+json";
  private static final String IDENTIFIER_SYSTEM = "urn:passage:test:outage";

  @Test
  void whenTheDatabaseIsCutOffThenRequestsAre503AndNotReadyAndAfterItReturnsTheSameNodeServes() {
    URI database = URI.create(TestDatabases.postgresJdbcUrl().substring("jdbc:".length()));
    try (TcpProxy proxy = TcpProxy.to(database.getHost(), database.getPort());
        RunningGateway gateway = RunningGateway.start(
            "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath(),
            TestDatabases.urlParameter("user"), TestDatabases.urlParameter("password"),
            "--spring.datasource.hikari.connection-timeout=500")) {
      RawHttp site = gateway.httpAs("demo-site-hr-1");
      RawHttp anonymous = new RawHttp("http://localhost:" + gateway.port());
      assertThat(site.get("/fhir/Task?_count=1").status()).isEqualTo(200);
      assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
      String pseudonym = gateway.newPseudonym();
      String interrupted = UUID.randomUUID().toString();

      proxy.cut();

      RawHttp.Response read = site.get("/fhir/Task?_count=1");
      assertUnavailable(read);
      RawHttp.Response write = site.send("POST", "/fhir", FHIR_JSON, referral(pseudonym, interrupted));
      assertUnavailable(write);
      assertUnavailable(AccessTokens.request(anonymous, DemoCredentials.assertion(DemoCredentials.client("demo-site-tb-1"),
          "http://localhost:" + gateway.port() + "/auth/token"), "system/Task.rs"));
      RawHttp.Response readiness = anonymous.get("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(503);
      assertThat(readiness.body()).doesNotContain("PSQLException").doesNotContain("127.0.0.1");
      assertThat(anonymous.get("/actuator/health/liveness").status()).as("alive: nothing to restart").isEqualTo(200);

      proxy.restore();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200));
      // The request pool reconnects on its own (after a back-off of a few seconds at most).
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(site.get("/fhir/Task?_count=1").status()).isEqualTo(200));
      assertThat(referralsWith(site, interrupted)).as("the interrupted write left nothing").isZero();
      RawHttp.Response retried = site.send("POST", "/fhir", FHIR_JSON, referral(pseudonym, interrupted));
      assertThat(retried.status()).isEqualTo(200);
      assertThat(referralsWith(site, interrupted)).isEqualTo(1);
    }
  }

  private static int referralsWith(RawHttp site, String identifier) {
    Bundle found = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
        site.get("/fhir/ServiceRequest?identifier=" + IDENTIFIER_SYSTEM + "%7C" + identifier).body());
    return found.getEntry().size();
  }

  private static void assertUnavailable(RawHttp.Response response) {
    assertThat(response.status()).as("%s %s", response.headers(), response.body()).isEqualTo(503);
    assertThat(response.contentType()).startsWith(FHIR_JSON);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-9002");
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.body()).doesNotContain("PSQL").doesNotContain("Hikari").doesNotContain("Exception");
  }

  private static byte[] referral(String pseudonym, String identifier) {
    Bundle bundle = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now());
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getResource() instanceof ServiceRequest referral) {
        referral.addIdentifier(new Identifier().setSystem(IDENTIFIER_SYSTEM).setValue(identifier));
      }
    }
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
  }
}
