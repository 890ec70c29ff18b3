package org.passagegateway.gateway.consent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;

/**
 * The consent side of every disclosure decision: which consents are in force for a client, and
 * what the {@link ConsentDecisionEngine} answers for one resource under one of them. Its only
 * caller is custody's visibility decision, which knows who is party to what and whose data it is.
 */
public final class Disclosures {

  private final ConsentStore store;
  private final ConsentCache cache;
  private final ConsentDecisionEngine engine = new ConsentDecisionEngine();
  private final ConsentPolicyReader reader = new ConsentPolicyReader();

  Disclosures(ConsentStore store, ConsentCache cache) {
    this.store = store;
    this.cache = cache;
  }

  /**
   * The consents in force for these clients, by {@code patient|custodian} (absent or empty: none),
   * read in one search. {@code remembered}: a request that writes nothing may use what this node
   * read before under an unchanged consent version; a write reads the database.
   */
  public Map<String, Optional<ConsentPolicy>> inForce(Set<String> patients, boolean remembered) {
    return remembered ? cache.consentsOf(patients) : store.active(patients);
  }

  /** A consent recorded in the current database transaction (its search index may not show it yet), if it is in force. */
  public Optional<ConsentPolicy> recordedNow(Consent consent) {
    if (consent.getStatus() != Consent.ConsentState.ACTIVE || consent.getOrganization().size() != 1
        || !consent.getPatient().getReferenceElement().hasIdPart()) {
      return Optional.empty();
    }
    return Optional.of(reader.read(consent));
  }

  /** The engine's answer for one resource of one client, under her consent in force (or none). */
  public ConsentDecision decide(DisclosureRequest request, LabelledResource resource, Optional<ConsentPolicy> consent) {
    return engine.decide(request, resource, consent.orElse(null));
  }
}
