package org.passagegateway.gateway.custody;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.config.TransactionResources;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * Records the custody tags on every write of client data, whoever makes it (a site, a transaction
 * entry, an operation, the gateway itself), on HAPI's own broadcaster: the custodian (on create
 * the writing site, from its token, or the gateway's own choice for its own writes; on update the
 * stored one) and the {@link Parties} derived from the resource as written. A client's parties
 * follow her referrals: when one of her referral Tasks is written, her Patient's party tags are
 * derived again from her Tasks as they stand in that database transaction (a tag change, not a
 * new version of her record).
 */
@Interceptor
final class PartyTags {

  private static final String TAGS_ONLY = PartyTags.class.getName() + ".tagsOnly";

  private final DaoRegistry daos;

  PartyTags(DaoRegistry daos) {
    this.daos = daos;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.CUSTODY)
  public void created(RequestDetails request, IBaseResource resource) {
    if (!isClinical(resource)) {
      return;
    }
    Optional<String> custodian = Callers.site(request).flatMap(caller -> caller.organizationId())
        .or(() -> Callers.of(request).isPresent() ? Optional.empty() : CustodyTags.custodian(resource));
    record((Resource) resource, custodian, request);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (!isClinical(resource) || isTagChange(request)) {
      return;
    }
    Optional<String> custodian = CustodyTags.custodian(previous)
        .or(() -> Callers.site(request).flatMap(caller -> caller.organizationId()));
    record((Resource) resource, custodian, request);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void referralCreated(IBaseResource resource) {
    if (resource instanceof Task task) {
      writtenTasks().put(task.getIdElement().getIdPart(), task);
      refreshClient(task);
    }
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void referralUpdated(IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task) {
      writtenTasks().put(task.getIdElement().getIdPart(), task);
      refreshClient(task);
      if (previous instanceof Task before && !before.getFor().equalsDeep(task.getFor())) {
        refreshClient(before);
      }
    }
  }

  private void record(Resource resource, Optional<String> custodian, RequestDetails request) {
    if (custodian.isEmpty()) {
      CustodyTags.strip(resource);
      return;
    }
    if (Callers.site(request).isPresent()) {
      CustodyTags.strip(resource);
    }
    if (resource instanceof Subscription) {
      // Who subscribed and for which purpose: each notification is decided for that purpose.
      Callers.site(request).ifPresent(caller -> CustodyTags.recordSubscriber(resource, caller.clientId(),
          caller.purposeOfUse()));
    }
    Set<String> parties = resource instanceof Patient client && client.getIdElement().hasIdPart()
        ? Parties.ofClient(custodian.get(), referralsOf(client.getIdElement().getIdPart()).values())
        : Parties.of(resource, custodian.get());
    CustodyTags.record(resource, custodian.get(), parties, Parties.openTo(resource));
  }

  /** Derives her Patient's parties again and changes her tags where they differ. */
  private void refreshClient(Task task) {
    IdType client = new IdType(task.getFor().getReference());
    if (!"Patient".equals(client.getResourceType()) || !client.hasIdPart()) {
      return;
    }
    Patient stored;
    try {
      stored = (Patient) daos.getResourceDao("Patient").read(client.toUnqualifiedVersionless(), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return;
    }
    Optional<String> custodian = CustodyTags.custodian(stored);
    if (custodian.isEmpty()) {
      return;
    }
    Set<String> derived = Parties.ofClient(custodian.get(), referralsOf(client.getIdPart()).values());
    Set<String> current = CustodyTags.parties(stored);
    Meta added = new Meta();
    derived.stream().filter(party -> !current.contains(party)).forEach(party -> added.addTag(partyTag(party)));
    Meta removed = new Meta();
    current.stream().filter(party -> !derived.contains(party)).forEach(party -> removed.addTag(partyTag(party)));
    if (!added.getTag().isEmpty()) {
      daos.getResourceDao("Patient").metaAddOperation(client.toUnqualifiedVersionless(), added, tagsOnly());
    }
    if (!removed.getTag().isEmpty()) {
      daos.getResourceDao("Patient").metaDeleteOperation(client.toUnqualifiedVersionless(), removed, tagsOnly());
    }
  }

  /** Her referral Tasks as they stand now: as stored, and as written by the current database transaction. */
  private Map<String, Task> referralsOf(String patient) {
    Map<String, Task> tasks = new LinkedHashMap<>();
    SearchParameterMap search = SearchParameterMap.newSynchronous().add(Task.SP_PATIENT, new ReferenceParam("Patient/" + patient));
    daos.getResourceDao("Task").search(search, new SystemRequestDetails()).getAllResources()
        .forEach(found -> tasks.put(found.getIdElement().getIdPart(), (Task) found));
    writtenTasks().values().stream()
        .filter(task -> patient.equals(new IdType(task.getFor().getReference()).getIdPart()))
        .forEach(task -> tasks.put(task.getIdElement().getIdPart(), task));
    return tasks;
  }

  /** The Tasks the current database transaction has written (its search index may not show them yet). */
  private Map<String, Task> writtenTasks() {
    return TransactionResources.bound(this, LinkedHashMap::new);
  }

  static boolean isTagChange(RequestDetails request) {
    return request != null && request.getUserData().containsKey(TAGS_ONLY);
  }

  /** The gateway's own request for a change of tags alone, which no other hook need look at. */
  private static SystemRequestDetails tagsOnly() {
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(TAGS_ONLY, Boolean.TRUE);
    return request;
  }

  private static Coding partyTag(String party) {
    return new Coding(CustodyTags.PARTY, party, null);
  }

  private static boolean isClinical(IBaseResource resource) {
    return resource instanceof Resource r && ResourceCategory.of(r.fhirType()) == ResourceCategory.CLINICAL;
  }
}
