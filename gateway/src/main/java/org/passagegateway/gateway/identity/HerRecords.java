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
  private final CollisionEstimate collisions;
  private final NetworkSize network;

  HerRecords(DaoRegistry daos, PseudonymRegistry registry, CollisionEstimate collisions, NetworkSize network) {
    this.daos = daos;
    this.registry = registry;
    this.collisions = collisions;
    this.network = network;
  }

  /** The key a pseudonym written before pseudonyms were issued is kept under: the site's own. */
  static String earlierKey(String site, String pseudonym) {
    return site + "/" + pseudonym;
  }

  /** Her network pseudonym on this record, if it carries one. */
  static Optional<String> pseudonymOf(Patient record) {
    return record.getIdentifier().stream().filter(id -> PassageTerminology.CLIENT_PSEUDONYM.equals(id.getSystem()))
        .map(Identifier::getValue).filter(value -> value != null && !value.isBlank()).findFirst();
  }

  /**
   * Every pseudonym the site may know the woman of this pseudonym by: her current one, those of
   * earlier epochs, and those the site's own records carried before pseudonyms were issued (never
   * another site's).
   */
  Set<String> pseudonymsOf(String pseudonym, String site) {
    String current = registry.current(pseudonym).or(() -> registry.current(earlierKey(site, pseudonym))).orElse(pseudonym);
    Set<String> all = new LinkedHashSet<>();
    all.add(current);
    all.add(pseudonym);
    String own = site + "/";
    for (String linked : registry.linkedTo(current)) {
      if (linked.startsWith(own)) {
        all.add(linked.substring(own.length()));
      } else if (PseudonymFormat.looksIssued(linked)) {
        all.add(linked);
      }
    }
    return all;
  }

  /** Whether {@code site} is custodian of a client record carrying this pseudonym. */
  boolean siteHolds(String pseudonym, String site) {
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Patient.SP_IDENTIFIER, new TokenParam(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .add("_tag", new TokenParam(Custodians.TAG_SYSTEM, site));
    return !daos.getResourceDao("Patient").search(search, new SystemRequestDetails()).getAllResources().isEmpty();
  }

  /**
   * The key that is the same on every site's record of one woman and on no other woman's, for
   * counting women rather than records (indicators), by the same rule as {@link #records}: her
   * current network pseudonym, found through the pseudonym this record carries (of any epoch, or
   * written before pseudonyms were issued under its custodian's key), and where two women likely
   * share a pseudonym, her second factor with it (a record without one is a woman of its own). Never
   * shown to anyone.
   */
  public String womanOf(Patient record, String custodian) {
    String own = "record/" + record.getIdElement().getIdPart();
    Optional<String> current = pseudonymOf(record).map(pseudonym -> registry.current(pseudonym)
        .or(() -> custodian == null ? Optional.empty() : registry.current(earlierKey(custodian, pseudonym)))
        .orElse(pseudonym));
    if (current.isEmpty()) {
      return own;
    }
    if (!needsConfirmation()) {
      return current.get();
    }
    return secondFactorOf(record).map(factor -> current.get() + "|" + factor).orElse(own);
  }

  /** The ids of the Patient records {@code site} is custodian of that are hers (this record included, if it is the site's). */
  public List<String> heldBy(Patient her, String site) {
    return pseudonymOf(her).isEmpty() ? List.of(her.getIdElement().getIdPart())
        : records(her, site).stream().map(record -> record.getIdElement().getIdPart()).distinct().toList();
  }

  /**
   * Whether records of one pseudonym count as one woman's only when they carry the same second
   * factor: where the network is large enough that two women likely share a UIC.
   */
  boolean needsConfirmation() {
    return collisions.needsConfirmation(network.women());
  }

  /** Her second factor on this record, if the site recorded one. */
  static Optional<String> secondFactorOf(Patient record) {
    return record.getIdentifier().stream().filter(id -> PassageTerminology.CLIENT_SECOND_FACTOR.equals(id.getSystem()))
        .map(Identifier::getValue).filter(value -> value != null && !value.isBlank()).findFirst();
  }

  /**
   * The Patient records {@code site} is custodian of that are hers: that carry one of her
   * pseudonyms and, where two women likely share one, her second factor as well (a record without
   * one is hers alone). The one place this rule is written: links and the accounting of
   * disclosures both ask it.
   */
  List<Patient> records(Patient her, String site) {
    Optional<String> pseudonym = pseudonymOf(her);
    if (pseudonym.isEmpty()) {
      return List.of();
    }
    Optional<String> factor = secondFactorOf(her);
    boolean confirm = needsConfirmation();
    String id = her.getIdElement().getIdPart();
    return candidates(pseudonym.get(), site).stream().filter(record -> !confirm
        || record.getIdElement().getIdPart().equals(id) || factor.isPresent() && factor.equals(secondFactorOf(record)))
        .toList();
  }

  private List<Patient> candidates(String pseudonym, String site) {
    TokenOrListParam identifiers = new TokenOrListParam();
    pseudonymsOf(pseudonym, site).forEach(value -> identifiers.addOr(new TokenParam(PassageTerminology.CLIENT_PSEUDONYM, value)));
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Patient.SP_IDENTIFIER, identifiers)
        .add("_tag", new TokenParam(Custodians.TAG_SYSTEM, site));
    return daos.getResourceDao("Patient").search(search, new SystemRequestDetails()).getAllResources().stream()
        .map(Patient.class::cast).toList();
  }
}
