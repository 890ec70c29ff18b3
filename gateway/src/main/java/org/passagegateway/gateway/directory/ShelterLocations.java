package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.SiteTypes;

/**
 * Where a women's shelter is is never written down where another site could read it: not on its
 * Organization (nor its contacts), not on its services (location, coverage area), and not on a
 * referral or Task addressed to a shelter or to shelters (location). Such a write is refused with
 * 422 {@code PASSAGE-8005} and nothing is stored; the shelter's own address, if it needs one, stays
 * in its own system.
 */
@Interceptor
final class ShelterLocations {

  static final String SHELTER = "womens-shelter";

  private final SiteTypes siteTypes;

  ShelterLocations(SiteTypes siteTypes) {
    this.siteTypes = siteTypes;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.WORKFLOW)
  public void created(IBaseResource resource) {
    check(resource);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.WORKFLOW)
  public void updated(IBaseResource previous, IBaseResource resource) {
    check(resource);
  }

  private void check(IBaseResource resource) {
    boolean located = false;
    if (resource instanceof Organization site) {
      located = isShelterType(site.getType()) && site.getContact().stream().anyMatch(c -> c.hasAddress());
    } else if (resource instanceof HealthcareService service) {
      located = (service.hasLocation() || service.hasCoverageArea()) && isShelter(service.getProvidedBy());
    } else if (resource instanceof ServiceRequest referral) {
      located = (referral.hasLocationCode() || referral.hasLocationReference())
          && (referral.getPerformer().stream().anyMatch(this::isShelter)
              || referral.hasPerformerType() && isShelterType(java.util.List.of(referral.getPerformerType())));
    } else if (resource instanceof Task task) {
      located = task.hasLocation() && (isShelter(task.getOwner()) || isShelterType(task.getPerformerType()));
    }
    if (located) {
      throw PassageError.SHELTER_LOCATION.exception();
    }
  }

  private boolean isShelter(Reference organization) {
    String id = organization == null ? null : organization.getReferenceElement().getIdPart();
    return Optional.ofNullable(id).flatMap(siteTypes::of).map(SHELTER::equals).orElse(false);
  }

  private static boolean isShelterType(java.util.List<CodeableConcept> types) {
    return types.stream().flatMap(type -> type.getCoding().stream()).anyMatch(coding -> SHELTER.equals(coding.getCode()));
  }
}
