package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;

/** The facts a referral's writes keep, and the same facts rebuilt from its history for referrals stored before them. */
class ReferralFactsTest extends H2GatewayTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired ReferralFactsBackfill backfill;

  @Test
  void whenAReferralIsSentAcceptedAndStartedThenItsFactsFollowEveryWrite() {
    Sent sent = send("prenatal-care");
    Map<String, Object> requested = fact(sent.task());
    Task task = fhirAs("demo-site-anc-1").read().resource(Task.class).withId(sent.task()).execute();
    task = (Task) fhirAs("demo-site-anc-1").update().resource(task.setStatus(Task.TaskStatus.ACCEPTED)).execute()
        .getResource();
    fhirAs("demo-site-anc-1").update().resource(task.setStatus(Task.TaskStatus.INPROGRESS)).execute();
    ServiceRequest referral = fhir().read().resource(ServiceRequest.class).withId(sent.request()).execute();
    referral.getCode().getCodingFirstRep().setCode("pmtct");
    fhir().update().resource(referral).execute();
    Map<String, Object> started = fact(sent.task());

    assertThat(requested).containsEntry("STATUS", "requested").containsEntry("REQUESTER", "hr-1")
        .containsEntry("OWNER", "anc-1").containsEntry("SERVICE_TYPE", "prenatal-care").containsEntry("SEX", "female")
        .containsEntry("BIRTH_YEAR", 1995).containsEntry("RELEASE_PLANNING", false);
    assertThat(requested.get("SENT_AT")).isNotNull();
    assertThat(requested.get("ACCEPTED_AT")).isNull();
    assertThat(requested.get("WOMAN")).as("her current network pseudonym").isEqualTo(sent.pseudonym());
    assertThat(started).containsEntry("STATUS", "in-progress").containsEntry("SERVICE_TYPE", "pmtct")
        .containsEntry("SENT_AT", requested.get("SENT_AT"));
    assertThat(started.get("ACCEPTED_AT")).isNotNull();
    assertThat(started.get("STARTED_AT")).isNotNull();
    assertThat((Long) started.get("ACCEPT_SECONDS")).isNotNegative();
  }

  @Test
  void whenReferralsWereStoredBeforeTheirFactsThenTheBackfillRebuildsThemFromTheirHistoryOnce() throws Exception {
    Sent sent = send("pmtct");
    Task task = fhirAs("demo-site-anc-1").read().resource(Task.class).withId(sent.task()).execute();
    fhirAs("demo-site-anc-1").update().resource(task.setStatus(Task.TaskStatus.ACCEPTED)).execute();
    Map<String, Object> kept = fact(sent.task());
    Instant firstRequested = fhir().history().onInstance("Task/" + sent.task()).returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Task) e.getResource()).filter(t -> t.getStatus() == Task.TaskStatus.REQUESTED)
        .map(t -> t.getMeta().getLastUpdated().toInstant()).min(Instant::compareTo).orElseThrow();
    jdbc.update("delete from psg_referral_fact where task_id = ?", sent.task());
    jdbc.update("delete from psg_referral_request_fact where request_id = ?", sent.request());
    jdbc.update("delete from psg_client_fact where patient_id = ?", sent.patient());
    jdbc.update("delete from psg_backfill where name = ?", ReferralFactsBackfill.NAME);

    backfill.run(new DefaultApplicationArguments());
    Map<String, Object> rebuilt = fact(sent.task());
    jdbc.update("update psg_referral_fact set status = 'changed-after' where task_id = ?", sent.task());
    backfill.run(new DefaultApplicationArguments());

    assertThat(rebuilt).containsEntry("STATUS", "accepted").containsEntry("SERVICE_TYPE", "pmtct")
        .containsEntry("WOMAN", kept.get("WOMAN")).containsEntry("ACCEPTED_AT", kept.get("ACCEPTED_AT"))
        .containsEntry("SENT_AT", Timestamp.from(firstRequested));
    assertThat(fact(sent.task())).as("done once: not run again").containsEntry("STATUS", "changed-after");
  }

  @Test
  void whenATaskWithoutFactsIsUpdatedThenItsEarlierStepsAreTakenFromItsHistoryNotFromNow() {
    Sent sent = send("pmtct");
    Instant firstRequested = fhir().history().onInstance("Task/" + sent.task()).returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> ((Task) e.getResource()).getMeta().getLastUpdated().toInstant())
        .min(Instant::compareTo).orElseThrow();
    jdbc.update("delete from psg_referral_fact where task_id = ?", sent.task());

    Task task = fhirAs("demo-site-anc-1").read().resource(Task.class).withId(sent.task()).execute();
    fhirAs("demo-site-anc-1").update().resource(task.setStatus(Task.TaskStatus.ACCEPTED)).execute();

    assertThat(fact(sent.task())).containsEntry("STATUS", "accepted").containsEntry("SENT_AT", Timestamp.from(firstRequested));
  }

  private record Sent(String task, String request, String patient, String pseudonym) {}

  private Sent send(String service) {
    String pseudonym = newPseudonym();
    Bundle response = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1",
        service, "pmtct", Instant.now())).execute();
    return new Sent(idOf(response, "Task"), idOf(response, "ServiceRequest"), idOf(response, "Patient"), pseudonym);
  }

  private Map<String, Object> fact(String task) {
    List<Map<String, Object>> rows = jdbc.queryForList("select * from psg_referral_fact where task_id = ?", task);
    assertThat(rows).hasSize(1);
    Map<String, Object> upper = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    upper.putAll(rows.get(0));
    return upper;
  }

}
