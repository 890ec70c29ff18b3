package org.passagegateway.gateway.custody;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * Records the custody tags on every write of client data, whoever makes it (a site, a transaction
 * entry, an operation, the gateway itself), on HAPI's own broadcaster: the custodian (on create
 * the writing site, from its token, or the gateway's own choice for its own writes; on update the
 * stored one) and the {@link Parties} derived from the resource as written; a client's parties
 * follow her referrals ({@link ClientParties}).
 */
@Interceptor
final class PartyTags {

  private final ClientParties clients;

  PartyTags(ClientParties clients) {
    this.clients = clients;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.CUSTODY)
  public void created(RequestDetails request, IBaseResource resource) {
    if (!isClinical(resource)) {
      return;
    }
    Optional<String> custodian = Callers.site(request).flatMap(caller -> caller.organizationId())
        .or(() -> Callers.of(request).isPresent() ? Optional.empty() : CustodyTags.custodian(resource));
    record((Resource) resource, custodian, request, false);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (!isClinical(resource) || ClientParties.isTagChange(request)) {
      return;
    }
    Optional<String> custodian = CustodyTags.custodian(previous)
        .or(() -> Callers.site(request).flatMap(caller -> caller.organizationId()));
    record((Resource) resource, custodian, request, true);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.CUSTODY)
  public void referralCreated(IBaseResource resource) {
    if (resource instanceof Task task) {
      clients.referralWritten(null, task);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void referralUpdated(IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task) {
      clients.referralWritten(previous instanceof Task before ? before : null, task);
    }
  }

  private void record(Resource resource, Optional<String> custodian, RequestDetails request, boolean update) {
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
    Set<String> parties;
    if (resource instanceof Patient client && client.getIdElement().hasIdPart()) {
      // A new client has no referral yet (those of the same transaction add themselves as they are
      // stored); an update of her record keeps the parties her referrals make.
      parties = update ? clients.ofStoredClient(client, custodian.get())
          : clients.ofNewClient(client, custodian.get(), request);
    } else {
      parties = Parties.of(resource, custodian.get());
    }
    CustodyTags.record(resource, custodian.get(), parties, Parties.openTo(resource));
  }

  private static boolean isClinical(IBaseResource resource) {
    return resource instanceof Resource r && ResourceCategory.of(r.fhirType()) == ResourceCategory.CLINICAL;
  }
}
