package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.identity.HerRecords;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.custody.Visibility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code GET Patient/[id]/$disclosures}: for the custodian to show the client, every disclosure of
 * her data it holds to another organization, oldest first, as the audit log recorded them: one
 * consent-decision AuditEvent (subtype permit) per resource disclosed per request, naming the
 * recipient site and its client application, the purpose of use, when, the resource and the
 * categories of sensitive data disclosed (its security labels), and the consent that permitted
 * it (with the categories withheld). Only the custodian may ask; for anyone else the answer is
 * that of a client who does not exist. The accounting covers every record of hers the custodian
 * holds: each of its Patient records that carries one of her network pseudonyms.
 */
final class DisclosuresOperation {

  private static final String DISCLOSURES = "select event from psg_audit_event where patient_id in (:patients)"
      + " and type_code = 'consent-decision' and subtype_code = 'permit' and consent_ref in (:consents) order by id";

  private final DaoRegistry daos;
  private final Visibility visibility;
  private final HerRecords records;
  private final NamedParameterJdbcTemplate jdbc;
  private final FhirContext fhir;

  DisclosuresOperation(DaoRegistry daos, JdbcTemplate jdbc, FhirContext fhir, Visibility visibility, HerRecords records) {
    this.daos = daos;
    this.records = records;
    this.visibility = visibility;
    this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    this.fhir = fhir;
  }

  @Operation(name = "$disclosures", type = Patient.class, idempotent = true)
  public Bundle disclosures(@IdParam IdType id, RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $disclosures by a client that is not a site"));
    String site = caller.organizationId().orElseThrow();
    Patient client = readOwnClient(id.getIdPart(), request);
    // Every record of hers this site holds (a woman registered twice, or under an earlier pseudonym).
    List<String> patients = records.heldBy(client, site);
    List<String> consents = patients.stream().flatMap(patient -> consentsHeldBy(patient, site).stream()).toList();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    if (consents.isEmpty()) {
      return bundle;
    }
    IParser parser = fhir.newJsonParser();
    jdbc.query(DISCLOSURES, new MapSqlParameterSource().addValue("patients", patients)
        .addValue("consents", consents), row -> {
          AuditEvent event = parser.parseResource(AuditEvent.class, row.getString(1));
          bundle.addEntry().setResource(event);
        });
    return bundle;
  }

  private Patient readOwnClient(String id, RequestDetails request) {
    try {
      Patient client = (Patient) daos.getResourceDao("Patient").read(new IdType("Patient", id), new SystemRequestDetails());
      if (visibility.isCustodian(request, client)) {
        return client;
      }
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      // The same answer as for a client of another site.
    }
    throw PassageError.RESOURCE_NOT_FOUND.exception();
  }

  /** Every consent of the client the site recorded, whatever its status now (versionless references). */
  private List<String> consentsHeldBy(String client, String site) {
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Consent.SP_PATIENT, new ReferenceParam("Patient/" + client))
        .add(Consent.SP_ORGANIZATION, new ReferenceParam("Organization/" + site));
    List<Resource> found = daos.getResourceDao("Consent").search(search, new SystemRequestDetails()).getAllResources()
        .stream().map(Resource.class::cast).toList();
    return found.isEmpty() ? Collections.emptyList()
        : found.stream().map(consent -> "Consent/" + consent.getIdElement().getIdPart()).toList();
  }
}
