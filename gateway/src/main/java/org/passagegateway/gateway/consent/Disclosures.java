package org.passagegateway.gateway.consent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.security.SiteParties;

/**
 * Decides whether a stored resource may be disclosed to a requesting organization: the custodian
 * sees its own; anyone else what the client's one active consent held by that custodian permits
 * (the {@link ConsentDecisionEngine}, against the consent as stored now). A resource that cannot be
 * attributed to one client is seen by its custodian only.
 */
public final class Disclosures {

  private final ConsentStore store;
  private final ConsentDecisionEngine engine = new ConsentDecisionEngine();
  private final ConsentPolicyReader reader = new ConsentPolicyReader();

  public Disclosures(ConsentStore store) {
    this.store = store;
  }

  /** The decision, reading the governing consent from the database. */
  public Decided decide(DisclosureRequest request, Resource stored) {
    return decide(request, stored, Optional.empty());
  }

  /**
   * The decision, where the client's consent may have been recorded in the same database
   * transaction (given here, since the search index may not show it yet).
   */
  public Decided decide(DisclosureRequest request, Resource stored, Optional<Consent> recordedNow) {
    Map<String, Optional<ConsentPolicy>> consents = new HashMap<>();
    recordedNow.map(reader::read).ifPresent(consent -> consents.put(consent.patient() + "|" + consent.custodian(),
        Optional.of(consent)));
    return decide(request, stored, consents);
  }

  /**
   * The decision, reading each governing consent once per {@code consents} map (one request's
   * worth: never kept longer, so no decision outlives a committed change of consent).
   */
  Decided decide(DisclosureRequest request, Resource stored, Map<String, Optional<ConsentPolicy>> consents) {
    Optional<String> custodian = SiteParties.custodian(stored);
    if (custodian.isPresent() && custodian.get().equals(request.recipient())) {
      return new Decided(null, ConsentDecision.custodian());
    }
    Optional<LabelledResource> labelled = DisclosedResources.of(stored);
    if (labelled.isEmpty()) {
      return new Decided(null, ConsentDecision.noConsent());
    }
    LabelledResource resource = labelled.get();
    String key = resource.patient() + "|" + resource.custodian();
    Optional<ConsentPolicy> consent = consents.computeIfAbsent(key, k -> store.active(resource.patient(), resource.custodian()));
    return new Decided(resource, engine.decide(request, resource, consent.orElse(null)));
  }

  /** The consents in force for these clients, by {@code patient|custodian}, read in one search. */
  Map<String, Optional<ConsentPolicy>> consentsOf(java.util.Set<String> patients) {
    return store.active(patients);
  }

  /**
   * A decision and what it was about.
   *
   * @param resource the resource as the engine saw it, or null when the recipient is its custodian or it belongs to no one client
   * @param decision the engine's answer
   */
  public record Decided(LabelledResource resource, ConsentDecision decision) {

    /** Whether the decision was the client's consent's (or the lack of one) rather than custodianship. */
    public boolean byConsent() {
      return decision.basis() != ConsentDecision.Basis.CUSTODIAN;
    }
  }
}
