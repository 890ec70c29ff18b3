package org.passagegateway.gateway.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * Data survives a restart; HAPI's migrations and Liquibase's changesets are applied once and
 * are no-ops on the next start; the demo network is not duplicated.
 */
interface RestartContract {

  RunningGateway startGateway();

  @Test
  default void whenTheGatewayRestartsThenDataSurvivesAndMigrationsAndDemoAreNotReapplied() {
    String pseudonym = "PSN-" + UUID.randomUUID();
    IIdType id;
    Snapshot before;
    try (RunningGateway first = startGateway()) {
      id = first.fhir().create().resource(NetworkBuilders.client(null, pseudonym, 1994)).execute().getId()
          .toUnqualifiedVersionless();
      before = Snapshot.of(first);
    }

    try (RunningGateway second = startGateway()) {
      Patient read = second.fhir().read().resource(Patient.class).withId(id).execute();
      assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(pseudonym);
      assertThat(Snapshot.of(second)).isEqualTo(before);
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
