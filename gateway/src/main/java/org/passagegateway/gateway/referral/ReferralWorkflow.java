package org.passagegateway.gateway.referral;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;

/**
 * Enforces the referral workflow on every write of a referral Task by a site, alone or in a
 * transaction: the state table ({@link TaskTransitionRules}), who may change which element
 * ({@link TaskChangeRules}), where a Task may be addressed and how it is re-referred ({@link
 * ReferralAddressing}). {@code Task.lastModified} and {@code Task.executionPeriod} are set by
 * the gateway ({@link ReferralTimes}). It runs after profile
 * validation, so a Task that is not a referral Task at all is told so first.
 */
@Interceptor
final class ReferralWorkflow {

  private final ReferralAddressing addressing;
  private final Clock clock;

  ReferralWorkflow(ReferralAddressing addressing, Clock clock) {
    this.addressing = addressing;
    this.clock = clock;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.WORKFLOW)
  public void created(RequestDetails request, IBaseResource resource) {
    if (!(resource instanceof Task task)) {
      return;
    }
    Callers.site(request).ifPresent(caller -> {
      TaskTransitionRules.check(null, task.getStatus(), parties(task, caller)).ifPresent(e -> {
        throw e;
      });
      addressing.check(task, request);
      addressing.checkReReferral(task);
      task.setLastModified(Date.from(clock.instant()));
      task.setExecutionPeriod(null);
    });
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.WORKFLOW)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task && previous instanceof Task before) {
      Callers.site(request).ifPresent(caller -> checkUpdate(before, task, caller, request));
    }
  }

  private void checkUpdate(Task before, Task task, Caller caller, RequestDetails request) {
    Set<TaskParty> parties = parties(before, caller);
    if (parties.isEmpty()) {
      throw PassageError.INTERACTION_NOT_ALLOWED.exception(
          "an update of a referral Task by a site that is neither its requester nor its owner (an open referral is claimed with $claim)");
    }
    TaskTransitionRules.check(before.getStatus(), task.getStatus(), parties).ifPresent(e -> {
      throw e;
    });
    TaskChangeRules.check(before, task, parties).ifPresent(e -> {
      throw e;
    });
    if (!before.getOwner().equalsDeep(task.getOwner()) || TaskChangeRules.changedElements(before, task).contains("performerType")) {
      addressing.check(task, request);
    }
    Date now = Date.from(clock.instant());
    task.setLastModified(now);
    task.setExecutionPeriod(ReferralTimes.next(before, task.getStatus(), now));
  }

  /** The parties the calling site is to a Task: its requester, its owner, or both. */
  static Set<TaskParty> parties(Task task, Caller caller) {
    Set<TaskParty> parties = EnumSet.noneOf(TaskParty.class);
    String site = caller.organizationId().orElse(null);
    if (site != null && site.equals(ReferralDirectory.organizationId(task.getRequester()))) {
      parties.add(TaskParty.REQUESTER);
    }
    if (site != null && site.equals(ReferralDirectory.organizationId(task.getOwner()))) {
      parties.add(TaskParty.OWNER);
    }
    return parties;
  }
}
