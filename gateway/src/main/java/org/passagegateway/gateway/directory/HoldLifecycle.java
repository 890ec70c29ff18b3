package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.referral.ReferralDirectory;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.terminology.PassageTerminology;

/**
 * A held place follows its referral, in the referral's transaction: a Task that names a hold (an
 * input of type {@code capacity-hold}) takes it up, or is refused with 422 {@code PASSAGE-8003} if
 * the hold is not the sending site's, is on another service, has expired or belongs to another referral; accepted, the
 * place becomes occupied; rejected, cancelled, failed or entered in error, it is given back.
 */
@Interceptor
final class HoldLifecycle {

  static final String INPUT_SYSTEM = PassageTerminology.CANONICAL_BASE + "/CodeSystem/passage-task-input";
  static final String HOLD = "capacity-hold";
  private static final Set<TaskStatus> GIVE_BACK = Set.of(TaskStatus.REJECTED, TaskStatus.CANCELLED, TaskStatus.FAILED,
      TaskStatus.ENTEREDINERROR);

  private final CapacityStore store;
  private final ReferralDirectory directory;
  private final Clock clock;

  HoldLifecycle(CapacityStore store, ReferralDirectory directory, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.clock = clock;
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.WORKFLOW)
  public void created(RequestDetails request, IBaseResource resource) {
    written(request, resource);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.WORKFLOW)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    written(request, resource);
  }

  private void written(RequestDetails request, IBaseResource resource) {
    if (!(resource instanceof Task task)) {
      return;
    }
    String id = task.getIdElement().getIdPart();
    Optional<String> hold = holdOf(task);
    if (hold.isPresent() && !store.takenUpBy(hold.get(), id)) {
      String site = Callers.site(request).flatMap(caller -> caller.organizationId()).orElse(null);
      String service = serviceOf(task, request).orElse(null);
      if (site == null || service == null || !store.attach(hold.get(), site, service, id, clock.instant())) {
        throw PassageError.HOLD_UNKNOWN.exception();
      }
    }
    if (task.getStatus() == TaskStatus.ACCEPTED) {
      store.occupy(id, clock.instant());
    } else if (GIVE_BACK.contains(task.getStatus())) {
      store.release(id, clock.instant());
    }
  }

  /** The service the referral is sent to: the owner's service of the referral's service type. */
  private Optional<String> serviceOf(Task task, RequestDetails request) {
    String owner = task.getOwner().getReferenceElement().getIdPart();
    return owner == null ? Optional.empty() : directory.focusOf(task, request)
        .flatMap(referral -> directory.serviceFor(owner, referral)).map(service -> service.getIdElement().getIdPart());
  }

  /** The hold the Task names, if it names one. */
  static Optional<String> holdOf(Task task) {
    return task.getInput().stream()
        .filter(input -> input.getType().getCoding().stream()
            .anyMatch(c -> INPUT_SYSTEM.equals(c.getSystem()) && HOLD.equals(c.getCode())))
        .map(input -> input.getValue() == null ? null : input.getValue().primitiveValue()).filter(v -> v != null)
        .findFirst();
  }
}
