package org.passagegateway.gateway.referral;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.custody.Parties;
import org.passagegateway.gateway.custody.Visibility;
import org.passagegateway.gateway.error.PassageError;

/**
 * A referral reaches its owner only with the client's consent: when a site sends a referral Task
 * to another site (a new Task with an owner, or a Task given a new owner), {@link Visibility} must
 * let the owner see the Task, for the purpose the sender states; otherwise nothing is written, the
 * answer is 422 {@code PASSAGE-5002}, which says only that consent is missing, and the audit log
 * records the deny. Where it is permitted, the owner is a party to the client's record as the
 * owner of her referral, and may read it as her consent allows.
 *
 * <p>Checked when the Task is about to commit, once every entry of a transaction is stored (HAPI
 * defers the pre-commit pointcut of a transaction's entries until then), so the consent may be
 * recorded in the same transaction as the referral.
 */
@Interceptor
final class ReferralDisclosure {

  private final Visibility visibility;

  ReferralDisclosure(Visibility visibility) {
    this.visibility = visibility;
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.CONSENT)
  public void created(RequestDetails request, IBaseResource resource) {
    if (resource instanceof Task task && task.hasOwner()) {
      check(request, task);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.CONSENT)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task && previous instanceof Task before && task.hasOwner()
        && !Objects.equals(before.getOwner().getReference(), task.getOwner().getReference())) {
      check(request, task);
    }
  }

  private void check(RequestDetails request, Task task) {
    Optional<String> owner = Parties.organizationId(task.getOwner());
    if (owner.isPresent() && !visibility.mayBeSentTo(request, owner.get(), task)) {
      throw PassageError.CONSENT_MISSING.exception();
    }
  }
}
