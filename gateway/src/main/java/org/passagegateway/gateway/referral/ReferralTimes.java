package org.passagegateway.gateway.referral;

import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * When a referral was taken up and closed, kept by the gateway in {@code Task.executionPeriod}
 * (a searchable FHIR element, {@code Task?period=}): {@code start} when the owner accepts, {@code
 * end} when the Task reaches a final status. Time to acceptance is {@code start - authoredOn},
 * time to completion {@code end - authoredOn} of a completed Task; the Task's history holds every
 * step besides. Clients cannot set either: the gateway carries the stored values over.
 */
final class ReferralTimes {

  private static final Set<TaskStatus> FINAL = Set.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED,
      TaskStatus.REJECTED, TaskStatus.ENTEREDINERROR);

  private ReferralTimes() {}

  /** The execution period after a Task moves from its stored state to {@code status} at {@code now}. */
  static Period next(Task stored, TaskStatus status, Date now) {
    Period period = stored.hasExecutionPeriod() ? stored.getExecutionPeriod().copy() : new Period();
    if (status == TaskStatus.ACCEPTED && !period.hasStart()) {
      period.setStart(now);
    }
    if (FINAL.contains(status) && !FINAL.contains(stored.getStatus()) && !period.hasEnd()) {
      period.setEnd(now);
    }
    return period.isEmpty() ? null : period;
  }
}
