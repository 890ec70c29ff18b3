package org.passagegateway.gateway.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A start and a demo scenario, refusals included, log no ERROR and no stack trace: an operator's
 * log shows what needs attention and nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietLogTest {

  @Test
  void whenTheGatewayStartsAndServesADemoScenarioThenItLogsNoErrorAndNoStackTrace(CapturedOutput output) {
    try (RunningGateway gateway = RunningGateway.start(H2GatewayTest.h2Url(H2GatewayTest.newDataDir()), "sa", "")) {
      Bundle sent = gateway.fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
          gateway.newPseudonym(), "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
      IGenericClient tb = gateway.fhirAs("demo-site-tb-1");
      tb.search().forResource(Task.class).where(Task.OWNER.hasId("Organization/tb-1")).include(Task.INCLUDE_FOCUS)
          .returnBundle(Bundle.class).execute();
      Task received = tb.read().resource(Task.class).withId(idOf(sent, "Task")).execute();
      tb.update().resource(received.setStatus(Task.TaskStatus.REJECTED).setStatusReason(new CodeableConcept(
          new Coding(PassageTerminology.REJECTION_REASON, "no-capacity", null)))).execute();
      var anc = gateway.httpAs("demo-site-anc-1");
      assertThat(anc.get("/fhir/Task/" + idOf(sent, "Task")).status()).isEqualTo(404);
      assertThat(anc.get("/fhir/Task?_count=-1").status()).isEqualTo(400);
      assertThat(anc.send("POST", "/fhir/Patient", "application/fhir+json",
          "{\"resourceType\":\"Patient\",".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
      assertThat(anc.send("GET", "/admin/clients/demo-admin", null, null).status()).isEqualTo(403);
    }

    List<String> lines = Arrays.asList(output.getAll().split("\\R"));
    assertThat(lines).as("ERROR lines").noneMatch(line -> line.matches(".*\\sERROR\\s.*"));
    assertThat(lines).as("stack traces").noneMatch(line -> line.startsWith("\tat ") || line.matches("^Caused by: .*"));
  }
}
