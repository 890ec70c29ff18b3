package org.passagegateway.gateway.referral;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.DisclosureRule;
import org.passagegateway.gateway.security.SiteParties;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST Task/[id]/$claim}: a site of the kind an open referral is addressed to takes it. In
 * one database transaction the Task gets the caller as owner and its ServiceRequest the caller as
 * performer, each written at the version just read: of two sites claiming at once exactly one
 * wins, the other gets 409 {@code PASSAGE-4007}. The Task stays {@code requested}; the new owner
 * then accepts or rejects it like any other. Answers the claimed Task.
 */
public final class ClaimOperation {

  private final DaoRegistry daos;
  private final ReferralDirectory directory;
  private final SiteTypes siteTypes;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final DisclosureRule disclosures;

  ClaimOperation(DaoRegistry daos, ReferralDirectory directory, SiteTypes siteTypes, TransactionTemplate transactions,
      Clock clock, DisclosureRule disclosures) {
    this.disclosures = disclosures;
    this.daos = daos;
    this.directory = directory;
    this.siteTypes = siteTypes;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Operation(name = "$claim", type = Task.class, idempotent = false)
  public Task claim(@IdParam IdType id, RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $claim by a client that is not a site"));
    String site = caller.organizationId().orElseThrow();
    String siteType = siteTypes.ofCaller(request, caller).orElse(null);
    try {
      return transactions.execute(status -> claim(id.getIdPart(), site, siteType, request, caller));
    } catch (ResourceVersionConflictException | DataAccessException lostTheRace) {
      throw PassageError.NOT_CLAIMABLE.exception();
    }
  }

  private Task claim(String taskId, String site, String siteType, RequestDetails request, Caller caller) {
    Task task = directory.read(Task.class, taskId)
        .filter(t -> SiteParties.isVisibleTo(t, site, siteType) && disclosures.discloses(request, caller, t))
        .orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    if (task.hasOwner() || task.getStatus() != Task.TaskStatus.REQUESTED || !SiteParties.isOpenTo(task, siteType)) {
      throw PassageError.NOT_CLAIMABLE.exception();
    }
    ServiceRequest referral = directory.read(ServiceRequest.class, new IdType(task.getFocus().getReference()).getIdPart())
        .orElseThrow(() -> PassageError.NOT_CLAIMABLE.exception());
    if (!directory.offers(site, referral)) {
      throw PassageError.OWNER_NOT_OFFERING.exception(referral.getCode().getCodingFirstRep().getCode());
    }
    Reference claimant = new Reference("Organization/" + site);
    task.setOwner(claimant);
    task.setLastModified(Date.from(clock.instant()));
    referral.setPerformer(List.of(claimant.copy()));
    Task stored = (Task) writeAtReadVersion(task);
    writeAtReadVersion(referral);
    ReferralDisclosure.makePartyToClient(daos, stored, site);
    return stored;
  }

  /**
   * Updates a resource only if it is still at the version read (HAPI refuses another), with the
   * gateway's tags recomputed and replacing the stored ones (so the open-to tag goes).
   */
  private Resource writeAtReadVersion(Resource resource) {
    SiteParties.record(resource, SiteParties.custodian(resource).orElseThrow());
    resource.setIdElement(new IdType(resource.fhirType(), resource.getIdElement().getIdPart(),
        resource.getMeta().getVersionId()));
    SystemRequestDetails system = new SystemRequestDetails();
    system.addHeader(JpaConstants.HEADER_META_SNAPSHOT_MODE, "TAG");
    return (Resource) daos.getResourceDao(resource.fhirType()).update(resource, system).getResource();
  }
}
