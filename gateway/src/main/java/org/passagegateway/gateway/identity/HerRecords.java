package org.passagegateway.gateway.identity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.passagegateway.gateway.custody.Custodians;
import org.passagegateway.terminology.PassageTerminology;

/**
 * One woman's records at one site: the Patient records the site is custodian of that carry one of
 * her network pseudonyms (her current one, or an earlier one linked to it). The gateway uses this
 * only for the site that asks about its own records, so no site learns that another knows her.
 */
public final class HerRecords {

  private final DaoRegistry daos;
  private final PseudonymRegistry registry;

  HerRecords(DaoRegistry daos, PseudonymRegistry registry) {
    this.daos = daos;
    this.registry = registry;
  }

  /** Her network pseudonym on this record, if it carries one. */
  static Optional<String> pseudonymOf(Patient record) {
    return record.getIdentifier().stream().filter(id -> PassageTerminology.CLIENT_PSEUDONYM.equals(id.getSystem()))
        .map(Identifier::getValue).filter(value -> value != null && !value.isBlank()).findFirst();
  }

  /** Every pseudonym of the woman this pseudonym names: her current one and each linked to it. */
  Set<String> pseudonymsOf(String pseudonym) {
    String current = registry.current(pseudonym).orElse(pseudonym);
    Set<String> all = new LinkedHashSet<>(registry.linkedTo(current));
    all.add(current);
    all.add(pseudonym);
    return all;
  }

  /** Whether {@code site} is custodian of a client record carrying this pseudonym. */
  boolean siteHolds(String pseudonym, String site) {
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Patient.SP_IDENTIFIER, new TokenParam(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .add("_tag", new TokenParam(Custodians.TAG_SYSTEM, site));
    return !daos.getResourceDao("Patient").search(search, new SystemRequestDetails()).getAllResources().isEmpty();
  }

  /** The ids of the Patient records {@code site} is custodian of that are hers (this record included, if it is the site's). */
  public List<String> heldBy(Patient her, String site) {
    return pseudonymOf(her).isEmpty() ? List.of(her.getIdElement().getIdPart())
        : records(her, site).stream().map(record -> record.getIdElement().getIdPart()).distinct().toList();
  }

  /** Her second factor on this record, if the site recorded one. */
  static Optional<String> secondFactorOf(Patient record) {
    return record.getIdentifier().stream().filter(id -> PassageTerminology.CLIENT_SECOND_FACTOR.equals(id.getSystem()))
        .map(Identifier::getValue).filter(value -> value != null && !value.isBlank()).findFirst();
  }

  /** The Patient records {@code site} is custodian of that carry one of her pseudonyms. */
  List<Patient> records(Patient her, String site) {
    Optional<String> pseudonym = pseudonymOf(her);
    if (pseudonym.isEmpty()) {
      return List.of();
    }
    TokenOrListParam identifiers = new TokenOrListParam();
    pseudonymsOf(pseudonym.get()).forEach(value -> identifiers.addOr(new TokenParam(PassageTerminology.CLIENT_PSEUDONYM, value)));
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Patient.SP_IDENTIFIER, identifiers)
        .add("_tag", new TokenParam(Custodians.TAG_SYSTEM, site));
    return daos.getResourceDao("Patient").search(search, new SystemRequestDetails()).getAllResources().stream()
        .map(Patient.class::cast).toList();
  }
}
