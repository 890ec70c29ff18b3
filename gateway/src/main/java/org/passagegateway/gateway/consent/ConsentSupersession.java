package org.passagegateway.gateway.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Callers;

/**
 * One active consent per client and custodian (DESIGN.md, "Consent semantics"): recording an
 * active consent makes the one it replaces inactive, in the same database transaction; a consent
 * that is no longer active never becomes active again (the client records a new one), so a
 * revocation cannot be undone by an update.
 */
@Interceptor
public final class ConsentSupersession {

  private final DaoRegistry daos;
  private final ConsentStore store;

  public ConsentSupersession(DaoRegistry daos, ConsentStore store) {
    this.daos = daos;
    this.store = store;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.WORKFLOW)
  public void created(RequestDetails request, IBaseResource resource) {
    if (resource instanceof Consent consent && consent.getStatus() == Consent.ConsentState.ACTIVE) {
      supersedeOthers(consent, request);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.WORKFLOW)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Consent consent && previous instanceof Consent before) {
      refuseReactivation(before, consent);
      if (before.getStatus() != Consent.ConsentState.ACTIVE && consent.getStatus() == Consent.ConsentState.ACTIVE) {
        supersedeOthers(consent, request);
      }
    }
  }

  /** Makes the custodian's earlier consents inactive, on behalf of the caller recording the new one. */
  private void supersedeOthers(Consent consent, RequestDetails request) {
    IIdType patient = consent.getPatient().getReferenceElement();
    if (consent.getOrganization().size() != 1 || !"Patient".equals(patient.getResourceType()) || !patient.hasIdPart()) {
      return;
    }
    String custodian = consent.getOrganizationFirstRep().getReferenceElement().getIdPart();
    String self = consent.getIdElement().getIdPart();
    for (Consent earlier : store.activeConsents(patient.getIdPart(), custodian)) {
      if (!earlier.getIdElement().getIdPart().equals(self)) {
        earlier.setStatus(Consent.ConsentState.INACTIVE);
        daos.getResourceDao("Consent").update(earlier, Callers.agent(request).map(Callers::onBehalfOf)
            .orElseGet(SystemRequestDetails::new));
      }
    }
  }

  private static void refuseReactivation(Consent before, Consent after) {
    if (before.getStatus() != Consent.ConsentState.ACTIVE && before.getStatus() != Consent.ConsentState.DRAFT
        && before.getStatus() != Consent.ConsentState.PROPOSED && after.getStatus() == Consent.ConsentState.ACTIVE) {
      throw PassageError.CONSENT_NOT_REACTIVATED.exception();
    }
  }
}
