package org.passagegateway.gateway.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;

/**
 * Finds the consent that governs a client's data held by one custodian: her one active Consent
 * recorded by that organization. It reads the database every time it is asked, so no answer
 * outlives a committed revocation on any node (DESIGN.md, "Immediate").
 */
public final class ConsentStore {

  static final String CONSENT_STATE = "http://hl7.org/fhir/consent-state-codes";

  private final DaoRegistry daos;
  private final ConsentPolicyReader reader = new ConsentPolicyReader();

  public ConsentStore(DaoRegistry daos) {
    this.daos = daos;
  }

  /**
   * The consent in force for the client's data held by the custodian, if there is exactly one.
   * Two active consents are a state the gateway prevents; should it occur, neither governs, which
   * discloses less than choosing one.
   */
  public Optional<ConsentPolicy> active(String patientId, String custodianId) {
    List<Consent> consents = activeConsents(patientId, custodianId);
    return consents.size() == 1 ? Optional.of(reader.read(consents.get(0))) : Optional.empty();
  }

  /**
   * The consents in force for many clients at once, by {@code patient|custodian}: one database
   * search for all of them (a page of search results is decided with one read of consents).
   */
  public Map<String, Optional<ConsentPolicy>> active(Set<String> patientIds) {
    Map<String, List<Consent>> byKey = new HashMap<>();
    ReferenceOrListParam patients = new ReferenceOrListParam();
    patientIds.forEach(patient -> patients.addOr(new ReferenceParam("Patient/" + patient)));
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Consent.SP_PATIENT, patients)
        .add(Consent.SP_STATUS, new TokenParam(CONSENT_STATE, Consent.ConsentState.ACTIVE.toCode()));
    for (var found : daos.getResourceDao("Consent").search(search, new SystemRequestDetails()).getAllResources()) {
      Consent consent = (Consent) found;
      if (consent.getOrganization().size() == 1) {
        String key = consent.getPatient().getReferenceElement().getIdPart() + "|"
            + consent.getOrganizationFirstRep().getReferenceElement().getIdPart();
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(consent);
      }
    }
    Map<String, Optional<ConsentPolicy>> policies = new HashMap<>();
    byKey.forEach((key, consents) -> policies.put(key,
        consents.size() == 1 ? Optional.of(reader.read(consents.get(0))) : Optional.empty()));
    return policies;
  }

  /** A stored consent by id, whoever holds it (callers check who may see it). */
  public Optional<Consent> find(String id) {
    try {
      return Optional.of((Consent) daos.getResourceDao("Consent").read(new IdType("Consent", id), new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
  }

  List<Consent> activeConsents(String patientId, String custodianId) {
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Consent.SP_PATIENT, new ReferenceParam("Patient/" + patientId))
        .add(Consent.SP_ORGANIZATION, new ReferenceParam("Organization/" + custodianId))
        .add(Consent.SP_STATUS, new TokenParam(CONSENT_STATE, Consent.ConsentState.ACTIVE.toCode()));
    return daos.getResourceDao("Consent").search(search, new SystemRequestDetails()).getAllResources().stream()
        .map(Consent.class::cast).toList();
  }
}
