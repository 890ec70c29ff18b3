package org.passagegateway.gateway.referral;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.error.PassageError;

/**
 * Whom a referral Task may be addressed to: the site its ServiceRequest names as performer, a
 * member site offering the requested service; or, for an open referral, the kind of site both
 * name as performerType. A re-referral is a new Task {@code partOf} a rejected one of the same
 * referral and requester.
 */
final class ReferralAddressing {

  private final ReferralDirectory directory;

  ReferralAddressing(ReferralDirectory directory) {
    this.directory = directory;
  }

  /** Checks where a new or re-addressed Task is sent; 422 naming the rule otherwise. */
  void check(Task task, RequestDetails request) {
    ServiceRequest referral = directory.focusOf(task, request).orElseThrow(() ->
        PassageError.ADDRESSEE_MISMATCH.exception("Task.focus must be a referral (ServiceRequest) of the Task's requester"));
    String requester = ReferralDirectory.organizationId(task.getRequester());
    if (requester == null || !requester.equals(ReferralDirectory.organizationId(referral.getRequester()))) {
      throw PassageError.ADDRESSEE_MISMATCH.exception("Task.focus must be a referral (ServiceRequest) of the Task's requester");
    }
    if (task.hasOwner()) {
      String owner = ReferralDirectory.organizationId(task.getOwner());
      if (owner == null || !owner.equals(ReferralDirectory.organizationId(referral.getPerformerFirstRep()))) {
        throw PassageError.ADDRESSEE_MISMATCH.exception("Task.owner must be the site the referral names as ServiceRequest.performer");
      }
      if (!directory.offers(owner, referral)) {
        throw PassageError.OWNER_NOT_OFFERING.exception();
      }
    } else if (referral.hasPerformer() || !siteTypes(task.getPerformerType()).equals(siteTypes(
        referral.hasPerformerType() ? java.util.List.of(referral.getPerformerType()) : java.util.List.of()))) {
      throw PassageError.ADDRESSEE_MISMATCH.exception(
          "An open referral Task and its ServiceRequest name the same kind of site (performerType) and no site");
    }
  }

  /** Checks a re-referral: {@code partOf} a rejected Task of the same referral and requester. */
  void checkReReferral(Task task) {
    if (!task.hasPartOf()) {
      return;
    }
    IdType earlierId = new IdType(task.getPartOfFirstRep().getReference());
    Task earlier = "Task".equals(earlierId.getResourceType())
        ? directory.read(Task.class, earlierId.getIdPart()).orElse(null) : null;
    boolean valid = earlier != null
        && earlier.getStatus() == Task.TaskStatus.REJECTED
        && sameReference(earlier.getFocus().getReference(), task.getFocus().getReference())
        && Objects.equals(ReferralDirectory.organizationId(earlier.getRequester()),
            ReferralDirectory.organizationId(task.getRequester()));
    if (!valid) {
      throw PassageError.RE_REFERRAL_INVALID.exception();
    }
  }

  private static boolean sameReference(String a, String b) {
    return a != null && b != null
        && new IdType(a).toUnqualifiedVersionless().getValue().equals(new IdType(b).toUnqualifiedVersionless().getValue());
  }

  private static Set<String> siteTypes(java.util.List<CodeableConcept> concepts) {
    return concepts.stream().flatMap(c -> c.getCoding().stream()).map(c -> c.getSystem() + "|" + c.getCode())
        .collect(Collectors.toSet());
  }
}
