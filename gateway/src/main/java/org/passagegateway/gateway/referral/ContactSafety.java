package org.passagegateway.gateway.referral;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.SiteParties;
import org.passagegateway.profiles.PassageProfiles;

/**
 * Do-not-contact: when a site is shown a client that another site recorded, and a referral of
 * her to that site carries the contact-safety instruction {@code doNotContact = true}, her
 * contact details (telecom, address, contacts, photo) are removed first: the receiving site
 * arranges contact through the referring site. It applies on every read path that shows a client.
 */
@Interceptor
final class ContactSafety {

  private final DaoRegistry daos;

  ContactSafety(DaoRegistry daos) {
    this.daos = daos;
  }

  @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
  public void show(RequestDetails request, IPreResourceShowDetails resources) {
    Callers.site(request).ifPresent(caller -> {
      String site = caller.organizationId().orElseThrow();
      for (int i = 0; i < resources.size(); i++) {
        if (resources.getResource(i) instanceof Patient client
            && !SiteParties.custodian(client).filter(site::equals).isPresent()
            && mustNotBeContactedBy(client, site)) {
          redact(client);
        }
      }
    });
  }

  private boolean mustNotBeContactedBy(Patient client, String site) {
    SearchParameterMap referrals = SearchParameterMap.newSynchronous()
        .add(ServiceRequest.SP_SUBJECT, new ReferenceParam("Patient/" + client.getIdElement().getIdPart()))
        .add(ServiceRequest.SP_PERFORMER, new ReferenceParam("Organization/" + site));
    for (IBaseResource referral : daos.getResourceDao("ServiceRequest").search(referrals, new SystemRequestDetails())
        .getAllResources()) {
      if (doNotContact((ServiceRequest) referral)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the referral says the receiving site must not contact the client. */
  static boolean doNotContact(ServiceRequest referral) {
    Extension safety = referral.getExtensionByUrl(PassageProfiles.CONTACT_SAFETY);
    Extension flag = safety == null ? null : safety.getExtensionByUrl("doNotContact");
    return flag != null && flag.getValue() instanceof BooleanType value && value.booleanValue();
  }

  /** Removes every way of reaching the client from what is shown. */
  static void redact(Patient client) {
    client.getTelecom().clear();
    client.getAddress().clear();
    client.getContact().clear();
    client.getPhoto().clear();
    client.setText(null);
  }
}
