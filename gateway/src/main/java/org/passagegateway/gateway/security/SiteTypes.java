package org.passagegateway.gateway.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;

/**
 * The site type of a member Organization, as the directory says now (read once per request, never
 * cached across requests: a change to the directory applies to the next request on every node).
 */
public final class SiteTypes {

  static final String SITE_TYPE_SYSTEM = "https://passage-gateway.org/fhir/CodeSystem/passage-site-type";
  private static final String KEY = SiteTypes.class.getName();

  private final DaoRegistry daos;

  public SiteTypes(DaoRegistry daos) {
    this.daos = daos;
  }

  /** The site type code of the Organization, if it is in the directory with one. */
  public Optional<String> of(String organizationId) {
    try {
      Organization organization = (Organization) daos.getResourceDao("Organization")
          .read(new IdType("Organization", organizationId), new SystemRequestDetails());
      return organization.getType().stream().flatMap(type -> type.getCoding().stream())
          .filter(coding -> SITE_TYPE_SYSTEM.equals(coding.getSystem())).map(coding -> coding.getCode()).findFirst();
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
  }

  /** The site type of the calling site, read once per request. */
  public Optional<String> ofCaller(RequestDetails request, Caller caller) {
    Object known = request.getUserData().get(KEY);
    if (known == null) {
      known = caller.organizationId().flatMap(this::of).orElse("");
      request.getUserData().put(KEY, known);
    }
    return Optional.of((String) known).filter(type -> !type.isEmpty());
  }
}
