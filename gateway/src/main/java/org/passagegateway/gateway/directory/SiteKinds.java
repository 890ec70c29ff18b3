package org.passagegateway.gateway.directory;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Organization;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.security.SiteTypes;
import org.passagegateway.terminology.PassageTerminology;

/**
 * The kind of a site as a write sees it: stored, or written in the same transaction (not readable
 * until it commits). The one place the directory's rules ask, so that a shelter created together
 * with its services is a shelter to every rule.
 */
final class SiteKinds {

  static final String SHELTER = "womens-shelter";

  private final SiteTypes stored;

  SiteKinds(SiteTypes stored) {
    this.stored = stored;
  }

  Optional<String> of(String organizationId, RequestDetails request) {
    if (organizationId == null) {
      return Optional.empty();
    }
    return stored.of(organizationId).or(() -> TransactionBundles.of(request).stream()
        .flatMap(bundle -> bundle.getEntry().stream())
        .filter(entry -> entry.getResource() instanceof Organization site
            && organizationId.equals(site.getIdElement().getIdPart()))
        .flatMap(entry -> ((Organization) entry.getResource()).getType().stream())
        .flatMap(type -> type.getCoding().stream()).filter(c -> PassageTerminology.SITE_TYPE.equals(c.getSystem()))
        .map(Coding::getCode).findFirst());
  }

  boolean isShelter(String organizationId, RequestDetails request) {
    return of(organizationId, request).map(SHELTER::equals).orElse(false);
  }
}
