package org.passagegateway.gateway.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * Data survives a restart; HAPI's migrations and Liquibase's changesets are applied once and
 * are no-ops on the next start; the demo network is not duplicated, and what happened to it since
 * it was loaded stays as it is (a revoked consent is not revived, a rejected referral not
 * reopened, a disabled client not enabled again).
 */
interface RestartContract {

  RunningGateway startGateway();

  @Test
  default void whenTheGatewayRestartsThenDataSurvivesAndMigrationsAndDemoAreNotReapplied() {
    String pseudonym;
    IIdType id;
    Snapshot before;
    try (RunningGateway first = startGateway()) {
      pseudonym = first.newPseudonym();
      id = first.fhir().create().resource(NetworkBuilders.client(null, pseudonym, 1994)).execute().getId()
          .toUnqualifiedVersionless();
      assertThat(first.httpAs("demo-site-anc-1").get("/fhir/ServiceRequest/sr-anc-1").status()).isEqualTo(200);
      first.fhir().operation().onInstance(new IdType("Consent", "consent-client-1")).named("$revoke")
          .withNoParameters(Parameters.class).returnResourceType(Consent.class).execute();
      IGenericClient tb = first.fhirAs("demo-site-tb-1");
      Task received = tb.read().resource(Task.class).withId("task-tb-1").execute();
      tb.update().resource(received.setStatus(Task.TaskStatus.REJECTED).setStatusReason(new CodeableConcept(
          new Coding(PassageTerminology.REJECTION_REASON, "no-capacity", null)))).execute();
      assertThat(first.httpAs("demo-admin").send("POST", "/admin/clients/demo-site-shelter-1/$disable", null, null)
          .status()).isEqualTo(200);
      before = Snapshot.of(first);
    }

    try (RunningGateway second = startGateway()) {
      Patient read = second.fhir().read().resource(Patient.class).withId(id).execute();
      assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(pseudonym);
      assertThat(Snapshot.of(second)).isEqualTo(before);
      assertThat(second.fhir().read().resource(Consent.class).withId("consent-client-1").execute().getStatus())
          .isEqualTo(Consent.ConsentState.INACTIVE);
      assertThat(second.fhirAs("demo-site-tb-1").read().resource(Task.class).withId("task-tb-1").execute().getStatus())
          .isEqualTo(Task.TaskStatus.REJECTED);
      assertThat(second.httpAs("demo-site-anc-1").get("/fhir/ServiceRequest/sr-anc-1").status())
          .as("the revoked consent permits nothing after the restart").isEqualTo(404);
      assertThat(second.jdbc().queryForObject("select enabled from psg_client where client_id = 'demo-site-shelter-1'",
          Boolean.class)).isFalse();
    }
  }

  /** What must not change across a restart. */
  record Snapshot(int hapiMigrations, int liquibaseChangesets, int packageInstalls, String demoTaskVersion) {
    static Snapshot of(RunningGateway gateway) {
      return new Snapshot(
          count(gateway, "\"FLY_HFJ_MIGRATION\""), // HAPI quotes its upper-case names
          count(gateway, "DATABASECHANGELOG"),
          count(gateway, "psg_fhir_package"),
          gateway.fhir().read().resource(Task.class).withId("task-tb-1").execute().getMeta().getVersionId());
    }

    private static int count(RunningGateway gateway, String table) {
      Integer rows = gateway.jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
      assertThat(rows).as(table).isPositive();
      return rows;
    }
  }
}
