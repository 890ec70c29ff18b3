package org.passagegateway.gateway.custody;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.passagegateway.gateway.consent.ConsentStore;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;

/**
 * {@code POST Consent/[id]/$revoke}: the custodian records that the client withdrew her consent.
 * The Consent becomes {@code inactive} (consents are never deleted) and no longer governs any
 * request that starts after this one commits. Only the custodian may; for anyone else the answer
 * is that of a consent that does not exist. Revoking a consent that is no longer active changes
 * nothing. The audit log names the revoking site and its client application. Answers the Consent
 * as it now is.
 */
final class RevokeOperation {

  private final DaoRegistry daos;
  private final ConsentStore store;
  private final Visibility visibility;

  RevokeOperation(DaoRegistry daos, ConsentStore store, Visibility visibility) {
    this.daos = daos;
    this.store = store;
    this.visibility = visibility;
  }

  @Operation(name = "$revoke", type = Consent.class, idempotent = false)
  public Consent revoke(@IdParam IdType id, RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $revoke by a client that is not a site"));
    Consent consent = store.find(id.getIdPart()).filter(stored -> visibility.isCustodian(request, stored))
        .orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
      return consent;
    }
    consent.setStatus(Consent.ConsentState.INACTIVE);
    return (Consent) daos.getResourceDao("Consent").update(consent, Callers.onBehalfOf(caller)).getResource();
  }
}
