package org.passagegateway.gateway.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.model.cross.IBasePersistedResource;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;

/**
 * The site type of a member Organization, as the directory says now: a change to the directory
 * applies to the next request on every node. Each request reads the Organization's current version
 * (one row); its type is parsed again only when that version is not the one last seen.
 */
public final class SiteTypes {

  static final String SITE_TYPE_SYSTEM = "https://passage-gateway.org/fhir/CodeSystem/passage-site-type";
  private static final String KEY = SiteTypes.class.getName();

  private final DaoRegistry daos;
  /** By Organization id, the version last read and its site type (one entry per Organization of the directory). */
  private final Map<String, Known> seen = new ConcurrentHashMap<>();

  private record Known(long version, Optional<String> siteType) {}

  public SiteTypes(DaoRegistry daos) {
    this.daos = daos;
  }

  /** The site type code of the Organization, if it is in the directory with one. */
  public Optional<String> of(String organizationId) {
    IdType id = new IdType("Organization", organizationId);
    @SuppressWarnings("unchecked")
    IFhirResourceDao<Organization> organizations = daos.getResourceDao("Organization");
    try {
      IBasePersistedResource<?> current = organizations.readEntity(id, new SystemRequestDetails());
      if (current.isDeleted()) {
        return Optional.empty();
      }
      Known known = seen.get(organizationId);
      if (known != null && known.version() == current.getVersion()) {
        return known.siteType();
      }
      Organization organization = organizations.read(id.withVersion(Long.toString(current.getVersion())),
          new SystemRequestDetails());
      Optional<String> siteType = organization.getType().stream().flatMap(type -> type.getCoding().stream())
          .filter(coding -> SITE_TYPE_SYSTEM.equals(coding.getSystem())).map(coding -> coding.getCode()).findFirst();
      seen.put(organizationId, new Known(current.getVersion(), siteType));
      return siteType;
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
