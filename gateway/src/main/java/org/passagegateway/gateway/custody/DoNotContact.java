package org.passagegateway.gateway.custody;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.passagegateway.profiles.PassageProfiles;

/**
 * Do-not-contact: when a referral of a client to a site carries the contact-safety instruction
 * {@code doNotContact = true}, that site is never shown her contact details (telecom, address,
 * contacts, photo); it arranges contact through the referring site. Part of the redaction a
 * {@link Visibility} verdict applies, so it holds on every path that shows a client.
 */
final class DoNotContact {

  private final DaoRegistry daos;

  DoNotContact(DaoRegistry daos) {
    this.daos = daos;
  }

  /** Whether a referral of the client to the site says the site must not contact her. */
  boolean applies(String patient, String site) {
    SearchParameterMap referrals = SearchParameterMap.newSynchronous()
        .add(ServiceRequest.SP_SUBJECT, new ReferenceParam("Patient/" + patient))
        .add(ServiceRequest.SP_PERFORMER, new ReferenceParam("Organization/" + site));
    for (IBaseResource referral : daos.getResourceDao("ServiceRequest").search(referrals, new SystemRequestDetails())
        .getAllResources()) {
      if (says((ServiceRequest) referral)) {
        return true;
      }
    }
    return false;
  }

  static boolean says(ServiceRequest referral) {
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
