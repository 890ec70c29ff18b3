package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.PostgresGatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.gateway.support.TestDatabases;
import org.passagegateway.testdata.ReferralTransactions;

/** Two gateway nodes on one PostgreSQL: a revocation committed through one is in force on the other at once. */
class ConsentOnTwoNodesTest extends PostgresGatewayTest {

  private static final String TB = "demo-site-tb-1";

  @Test
  void whenTheClientRevokesThroughOneNodeThenTheOtherNodeShowsNothingFromTheNextRequest() {
    Bundle sent = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(newPseudonym(),
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    String task = idOf(sent, "Task");
    String consent = idOf(sent, "Consent");

    try (RunningGateway second = RunningGateway.start(TestDatabases.postgresJdbcUrl(),
        TestDatabases.urlParameter("user"), TestDatabases.urlParameter("password"))) {
      RawHttp tbOnSecond = second.httpAs(TB);
      assertThat(tbOnSecond.get("/fhir/Task/" + task).status()).as("permitted, read on the second node").isEqualTo(200);
      assertThat(tbOnSecond.get("/fhir/Task?_id=" + task).body()).contains("\"id\":\"" + task + "\"");

      fhir().operation().onInstance(new IdType("Consent", consent)).named("$revoke").withNoParameters(Parameters.class)
          .returnResourceType(Consent.class).execute();

      assertThat(tbOnSecond.get("/fhir/Task/" + task).status()).as("revoked on the first node").isEqualTo(404);
      assertThat(tbOnSecond.get("/fhir/Task?_id=" + task).body()).doesNotContain("\"id\":\"" + task + "\"");
      assertThat(httpAs(TB).get("/fhir/Task/" + task).status()).isEqualTo(404);
    }
  }
}
