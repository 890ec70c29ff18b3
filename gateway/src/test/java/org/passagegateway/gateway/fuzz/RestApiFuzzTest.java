package org.passagegateway.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RunningGateway;

/**
 * A short, seed-fixed slice of the fuzzing run ({@code scripts/fuzz} runs thousands): malformed and
 * mutated requests over the whole REST surface, as every kind of caller, against a gateway of its
 * own (the requests write), with the demo network. No 5xx, every error an OperationOutcome with a
 * Passage code, no error that repeats what the caller sent, and nothing in the log at ERROR and no
 * stack trace: the refusals are the caller's mistakes, not the operator's.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestApiFuzzTest {

  static final long SEED = 20261207L;
  static final int REQUESTS = 600;

  @Test
  void whenMalformedAndMutatedRequestsAreSentThenEveryErrorIsACleanOperationOutcome(CapturedOutput output)
      throws Exception {
    try (RunningGateway gateway = RunningGateway.start(H2GatewayTest.h2Url(H2GatewayTest.newDataDir()), "sa", "")) {
      RestFuzz.Report report = RestFuzz.run("http://localhost:" + gateway.port(), SEED, REQUESTS);
      assertThat(report.findings()).as(report.summary()).isEmpty();
      assertThat(report.statuses().keySet()).as("the slice reaches successes and refusals alike")
          .contains(200, 400, 401, 403, 404);
    }
    List<String> lines = Arrays.asList(output.getAll().split("\\R"));
    assertThat(lines).as("ERROR lines").noneMatch(line -> line.matches(".*\\sERROR\\s.*"));
    assertThat(lines).as("stack traces").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by: "));
  }
}
