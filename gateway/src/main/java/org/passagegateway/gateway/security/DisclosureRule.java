package org.passagegateway.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Whether a site may be shown a stored clinical resource it is a party to: the client's consent
 * decides (the consent feature provides the rule). The site boundary asks it before an update,
 * PATCH or instance history, so that a resource the site may no longer see answers 404 there as
 * on a read.
 */
@FunctionalInterface
public interface DisclosureRule {

  boolean discloses(RequestDetails request, Caller caller, IBaseResource stored);
}
