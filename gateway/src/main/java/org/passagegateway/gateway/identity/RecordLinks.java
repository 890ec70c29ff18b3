package org.passagegateway.gateway.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;

/**
 * A client a site is shown (a referral's client it may see under her consent, or its own record)
 * comes linked to the site's own records of the same woman ({@code Patient.link}, type {@code
 * seealso}): the recipient who already knows her finds its record. Only the caller's own records
 * are ever named, and only of a client the consent decision already showed it, so no site learns
 * from a link that another site knows her. Where the network is large enough that two women are
 * likely to share a UIC ({@code confirm-before-linking} of {@code $pseudonym}), a link is made
 * only between records that also carry the same second factor (derived from a card number or PIN
 * she holds), and none for a record without one.
 */
@Interceptor
final class RecordLinks {

  private final HerRecords records;

  RecordLinks(HerRecords records) {
    this.records = records;
  }

  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Stages.LINKS)
  public void link(RequestDetails request, IBaseResource response) {
    Optional<String> site = Callers.site(request).flatMap(Caller::organizationId);
    if (site.isEmpty() || response == null) {
      return;
    }
    List<Patient> shown = patients(response);
    if (shown.isEmpty()) {
      return;
    }
    for (Patient client : shown) {
      String id = client.getIdElement().getIdPart();
      for (Patient own : records.records(client, site.get())) {
        String ownId = own.getIdElement().getIdPart();
        if (!ownId.equals(id) && client.getLink().stream().noneMatch(link -> link.getOther().getReference() != null
            && link.getOther().getReference().endsWith("/" + ownId))) {
          client.addLink().setOther(new Reference("Patient/" + ownId)).setType(Patient.LinkType.SEEALSO);
        }
      }
    }
  }

  private static List<Patient> patients(IBaseResource response) {
    List<Patient> patients = new ArrayList<>();
    if (response instanceof Patient patient) {
      patients.add(patient);
    } else if (response instanceof Bundle bundle) {
      bundle.getEntry().stream().filter(entry -> entry.getResource() instanceof Patient)
          .forEach(entry -> patients.add((Patient) entry.getResource()));
    }
    return patients;
  }
}
