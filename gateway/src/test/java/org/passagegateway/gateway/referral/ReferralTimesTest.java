package org.passagegateway.gateway.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

/** The acceptance and closing times the gateway keeps in Task.executionPeriod. */
class ReferralTimesTest {

  private static final Date ACCEPTED = new Date(1_000_000);
  private static final Date CLOSED = new Date(2_000_000);

  @Test
  void whenTheOwnerAcceptsThenStartIsSetOnceAndCompletionSetsTheEnd() {
    Task requested = new Task().setStatus(TaskStatus.REQUESTED);
    Period accepted = ReferralTimes.next(requested, TaskStatus.ACCEPTED, ACCEPTED);
    assertThat(accepted.getStart()).isEqualTo(ACCEPTED);
    assertThat(accepted.hasEnd()).isFalse();

    Task inProgress = new Task().setStatus(TaskStatus.INPROGRESS).setExecutionPeriod(accepted);
    assertThat(ReferralTimes.next(inProgress, TaskStatus.ONHOLD, CLOSED).getStart()).isEqualTo(ACCEPTED);
    Period completed = ReferralTimes.next(inProgress, TaskStatus.COMPLETED, CLOSED);
    assertThat(completed.getStart()).isEqualTo(ACCEPTED);
    assertThat(completed.getEnd()).isEqualTo(CLOSED);
  }

  @Test
  void whenARequestedReferralIsRejectedThenItHasAnEndButNoStartAndNothingMovesItAfterwards() {
    Period rejected = ReferralTimes.next(new Task().setStatus(TaskStatus.REQUESTED), TaskStatus.REJECTED, CLOSED);
    assertThat(rejected.hasStart()).isFalse();
    assertThat(rejected.getEnd()).isEqualTo(CLOSED);

    Task closed = new Task().setStatus(TaskStatus.REJECTED).setExecutionPeriod(rejected);
    assertThat(ReferralTimes.next(closed, TaskStatus.ENTEREDINERROR, new Date(3_000_000)).getEnd()).isEqualTo(CLOSED);
    assertThat(ReferralTimes.next(new Task().setStatus(TaskStatus.DRAFT), TaskStatus.REQUESTED, CLOSED)).isNull();
  }
}
