package org.passagegateway.gateway.notification;

import org.passagegateway.gateway.config.OutboundAddresses;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/**
 * Where a site's notifications may go: only to the address of an active Endpoint its Organization
 * names in the directory (which the network's admins keep, not the site), and never to a
 * loopback, private, link-local or otherwise internal address unless the deployment allows it
 * (tests, a demo on one machine). The headers a notification carries are that Endpoint's, never
 * ones a subscriber chose.
 */
final class SubscriberEndpoints {

  private final DaoRegistry daos;
  private final OutboundAddresses outbound;

  SubscriberEndpoints(DaoRegistry daos, OutboundAddresses outbound) {
    this.daos = daos;
    this.outbound = outbound;
  }

  /** The active Endpoint of the site's Organization whose address this is, if there is one. */
  Optional<Endpoint> registered(String organizationId, String address) {
    if (address == null) {
      return Optional.empty();
    }
    Organization site;
    try {
      site = (Organization) daos.getResourceDao("Organization")
          .read(new IdType("Organization", organizationId), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
    for (Reference reference : site.getEndpoint()) {
      IdType id = new IdType(reference.getReference());
      if (!"Endpoint".equals(id.getResourceType()) || !id.hasIdPart()) {
        continue;
      }
      try {
        Endpoint endpoint = (Endpoint) daos.getResourceDao("Endpoint")
            .read(new IdType("Endpoint", id.getIdPart()), new SystemRequestDetails());
        if (endpoint.getStatus() == Endpoint.EndpointStatus.ACTIVE && address.equals(endpoint.getAddress())) {
          return Optional.of(endpoint);
        }
      } catch (ResourceNotFoundException | ResourceGoneException absent) {
        // A dangling reference names no endpoint.
      }
    }
    return Optional.empty();
  }

  /** Whether every address the URL's host resolves to is a public one (or internal ones are allowed). */
  boolean reachable(String address) {
    return outbound.reachable(address);
  }
}
