package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Gives every stored service the kind of its site ({@code passage-service-site-type}), read from
 * the providing Organization as the service is written, so that services are found by kind of site
 * ({@code HealthcareService?site-type=}) without a chained search. Whatever a writer sends there is
 * replaced.
 */
@Interceptor
final class ServiceSiteType {

  static final String URL = PassageTerminology.CANONICAL_BASE + "/StructureDefinition/passage-service-site-type";

  private final SiteKinds kinds;

  ServiceSiteType(SiteKinds kinds) {
    this.kinds = kinds;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.LABELING)
  public void created(RequestDetails request, IBaseResource resource) {
    stamp(request, resource);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.LABELING)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    stamp(request, resource);
  }

  private void stamp(RequestDetails request, IBaseResource resource) {
    if (!(resource instanceof HealthcareService service)) {
      return;
    }
    service.getExtension().removeIf(extension -> URL.equals(extension.getUrl()));
    String provider = service.getProvidedBy().getReferenceElement().getIdPart();
    if (provider != null) {
      kinds.of(provider, request).ifPresent(type -> service.addExtension(URL,
          new CodeableConcept(new Coding(PassageTerminology.SITE_TYPE, type, null))));
    }
  }
}
