package org.passagegateway.gateway.referral;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.custody.Parties;
import org.passagegateway.gateway.custody.Viewer;
import org.passagegateway.gateway.custody.Visibility;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST Task/[id]/$claim}: a site of the kind an open referral is addressed to takes it. The
 * site must be shown the Task ({@link Visibility}: an open referral to its kind of site that the
 * client's consent lets it see; else 404 as for a Task that does not exist). In one database
 * transaction the Task gets the caller as owner and its ServiceRequest the caller as performer,
 * each written at the version just read: of two sites claiming at once exactly one wins, the other
 * gets 409 {@code PASSAGE-4007}. The claimant becomes a party to the client's record as the owner
 * of her referral. The Task stays {@code requested}; the new owner then accepts or rejects it like
 * any other. The audit log names the claiming site. Answers the claimed Task.
 */
public final class ClaimOperation {

  private final DaoRegistry daos;
  private final ReferralDirectory directory;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Visibility visibility;

  ClaimOperation(DaoRegistry daos, ReferralDirectory directory, TransactionTemplate transactions, Clock clock,
      Visibility visibility) {
    this.daos = daos;
    this.directory = directory;
    this.transactions = transactions;
    this.clock = clock;
    this.visibility = visibility;
  }

  @Operation(name = "$claim", type = Task.class, idempotent = false)
  public Task claim(@IdParam IdType id, RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $claim by a client that is not a site"));
    Viewer claimant = visibility.viewerOf(request).orElseThrow();
    try {
      return transactions.execute(status -> claim(id.getIdPart(), claimant, caller, request));
    } catch (ResourceVersionConflictException | DataAccessException lostTheRace) {
      throw PassageError.NOT_CLAIMABLE.exception();
    }
  }

  private Task claim(String taskId, Viewer claimant, Caller caller, RequestDetails request) {
    Task task = directory.read(Task.class, taskId).filter(t -> visibility.decide(request, t).shows())
        .orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    if (task.hasOwner() || task.getStatus() != Task.TaskStatus.REQUESTED || !isOpenTo(task, claimant)) {
      throw PassageError.NOT_CLAIMABLE.exception();
    }
    ServiceRequest referral = directory.read(ServiceRequest.class, new IdType(task.getFocus().getReference()).getIdPart())
        .orElseThrow(() -> PassageError.NOT_CLAIMABLE.exception());
    if (!directory.offers(claimant.site(), referral)) {
      throw PassageError.OWNER_NOT_OFFERING.exception();
    }
    Reference owner = new Reference("Organization/" + claimant.site());
    task.setOwner(owner);
    task.setLastModified(Date.from(clock.instant()));
    referral.setPerformer(List.of(owner.copy()));
    Task stored = (Task) writeAtReadVersion(task, caller);
    writeAtReadVersion(referral, caller);
    return stored;
  }

  /** Whether the Task (still without owner) is addressed to the claimant's kind of site. */
  private static boolean isOpenTo(Task task, Viewer claimant) {
    return claimant.siteType() != null && Parties.openTo(task).contains(claimant.siteType());
  }

  /** Updates a resource only if it is still at the version read (HAPI refuses another). */
  private Resource writeAtReadVersion(Resource resource, Caller caller) {
    resource.setIdElement(new IdType(resource.fhirType(), resource.getIdElement().getIdPart(),
        resource.getMeta().getVersionId()));
    return (Resource) daos.getResourceDao(resource.fhirType()).update(resource, Callers.onBehalfOf(caller)).getResource();
  }
}
