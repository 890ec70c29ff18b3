package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Where a women's shelter is is never written down where another site could read it: not on its
 * Organization (nor its contacts; nor may a site whose services name a location become a shelter),
 * not on its services (location, coverage area; the shelter may be created in the same transaction),
 * and not on a
 * referral or Task addressed to a shelter or to shelters (location). Such a write is refused with
 * 422 {@code PASSAGE-8005} and nothing is stored; the shelter's own address, if it needs one, stays
 * in its own system.
 */
@Interceptor
final class ShelterLocations {

  static final String SHELTER = SiteKinds.SHELTER;

  private final SiteKinds kinds;
  private final DaoRegistry daos;

  ShelterLocations(SiteKinds kinds, DaoRegistry daos) {
    this.kinds = kinds;
    this.daos = daos;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.WORKFLOW)
  public void created(RequestDetails request, IBaseResource resource) {
    check(request, resource);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.WORKFLOW)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    check(request, resource);
  }

  private void check(RequestDetails request, IBaseResource resource) {
    boolean located = false;
    if (resource instanceof Organization site) {
      located = isShelterType(site.getType()) && (site.getContact().stream().anyMatch(c -> c.hasAddress())
          || servicesLocated(site.getIdElement().getIdPart()));
    } else if (resource instanceof HealthcareService service) {
      located = (service.hasLocation() || service.hasCoverageArea()) && isShelter(service.getProvidedBy(), request);
    } else if (resource instanceof ServiceRequest referral) {
      located = (referral.hasLocationCode() || referral.hasLocationReference())
          && (referral.getPerformer().stream().anyMatch(performer -> isShelter(performer, request))
              || referral.hasPerformerType() && isShelterType(java.util.List.of(referral.getPerformerType())));
    } else if (resource instanceof Task task) {
      located = task.hasLocation() && (isShelter(task.getOwner(), request) || isShelterType(task.getPerformerType()));
    }
    if (located) {
      throw PassageError.SHELTER_LOCATION.exception();
    }
  }

  private boolean isShelter(Reference organization, RequestDetails request) {
    return organization != null && kinds.isShelter(organization.getReferenceElement().getIdPart(), request);
  }

  private static boolean isShelterType(java.util.List<CodeableConcept> types) {
    return types.stream().flatMap(type -> type.getCoding().stream())
        .anyMatch(coding -> PassageTerminology.SITE_TYPE.equals(coding.getSystem()) && SHELTER.equals(coding.getCode()));
  }

  /** Whether a stored service of the site names a location (a site becoming a shelter must have none). */
  private boolean servicesLocated(String site) {
    if (site == null) {
      return false;
    }
    SearchParameterMap services = SearchParameterMap.newSynchronous()
        .add(HealthcareService.SP_ORGANIZATION, new ReferenceParam("Organization/" + site));
    return daos.getResourceDao(HealthcareService.class).search(services, new SystemRequestDetails()).getAllResources()
        .stream().map(HealthcareService.class::cast).anyMatch(s -> s.hasLocation() || s.hasCoverageArea());
  }
}
