package org.passagegateway.gateway.referral;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.consent.DisclosureRequest;
import org.passagegateway.gateway.consent.Disclosures;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.SiteParties;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A referral reaches its owner only with the client's consent: when a site sends a referral Task
 * to another site (a new Task with an owner, or a Task given a new owner), the client's active
 * consent held by the sending site must permit the Task to be disclosed to the owner, for the
 * purpose the sender states; otherwise nothing is written and the answer is 422 {@code
 * PASSAGE-5002}, which says only that consent is missing. Where it is permitted, the owner becomes
 * a party to the client's record (her Patient), which it may then read as her consent allows.
 *
 * <p>Checked just before the database transaction commits, once every entry of a transaction is
 * stored, so the consent may be recorded in the same transaction as the referral.
 */
@Interceptor
final class ReferralDisclosure {

  private final DaoRegistry daos;
  private final Disclosures disclosures;
  private final SiteTypes siteTypes;
  private final Clock clock;

  ReferralDisclosure(DaoRegistry daos, Disclosures disclosures, SiteTypes siteTypes, Clock clock) {
    this.daos = daos;
    this.disclosures = disclosures;
    this.siteTypes = siteTypes;
    this.clock = clock;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(RequestDetails request, IBaseResource resource) {
    if (resource instanceof Task task && task.hasOwner()) {
      Callers.site(request).ifPresent(caller -> beforeCommit(request, caller, task));
    }
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task && previous instanceof Task before && task.hasOwner()
        && !Objects.equals(before.getOwner().getReference(), task.getOwner().getReference())) {
      Callers.site(request).ifPresent(caller -> beforeCommit(request, caller, task));
    }
  }

  private void beforeCommit(RequestDetails request, Caller caller, Task task) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      check(request, caller, task);
      return;
    }
    Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      pending = new Pending(request, caller);
      TransactionSynchronizationManager.bindResource(this, pending);
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    pending.tasks.add(task);
  }

  private void check(RequestDetails request, Caller caller, Task task) {
    Optional<String> owner = SiteParties.organizationId(task.getOwner());
    Optional<String> custodian = SiteParties.custodian(task);
    if (owner.isEmpty() || custodian.isEmpty() || owner.equals(custodian)) {
      return;
    }
    DisclosureRequest toOwner = new DisclosureRequest(owner.get(), siteTypes.of(owner.get()).orElse(null),
        caller.purposeOfUse().orElse(null), clock.instant());
    Disclosures.Decided decided = disclosures.decide(toOwner, task, consentInTransaction(request, task));
    if (!decided.decision().discloses()) {
      throw PassageError.CONSENT_MISSING.exception();
    }
    makePartyToClient(daos, task, owner.get());
  }

  /** Makes the owner of a referral a party to its client's record (a tag, no new version of her Patient). */
  static void makePartyToClient(DaoRegistry daos, Task task, String owner) {
    IdType client = new IdType(task.getFor().getReference());
    if ("Patient".equals(client.getResourceType()) && client.hasIdPart()) {
      Meta party = new Meta();
      party.addTag(new Coding(SiteParties.PARTY, owner, null));
      daos.getResourceDao("Patient").metaAddOperation(client.toUnqualifiedVersionless(), party, new SystemRequestDetails());
    }
  }

  /** An active consent of the Task's client recorded by the same transaction, which its search index may not show yet. */
  private static Optional<Consent> consentInTransaction(RequestDetails request, Task task) {
    String client = new IdType(task.getFor().getReference()).getIdPart();
    String custodian = SiteParties.custodian(task).orElseThrow();
    return TransactionBundles.of(request).stream().flatMap(bundle -> bundle.getEntry().stream())
        .map(entry -> entry.getResource()).filter(Consent.class::isInstance).map(Consent.class::cast)
        .filter(consent -> consent.getStatus() == Consent.ConsentState.ACTIVE
            && client != null && client.equals(consent.getPatient().getReferenceElement().getIdPart())
            && consent.getOrganization().size() == 1
            && custodian.equals(consent.getOrganizationFirstRep().getReferenceElement().getIdPart()))
        .findFirst();
  }

  /** The Tasks sent in one database transaction, checked just before it commits. */
  private final class Pending implements TransactionSynchronization {
    private final RequestDetails request;
    private final Caller caller;
    private final List<Task> tasks = new ArrayList<>();

    Pending(RequestDetails request, Caller caller) {
      this.request = request;
      this.caller = caller;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      tasks.forEach(task -> check(request, caller, task));
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(ReferralDisclosure.this);
    }
  }
}
