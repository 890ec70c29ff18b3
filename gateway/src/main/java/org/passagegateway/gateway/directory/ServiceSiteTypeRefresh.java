package org.passagegateway.gateway.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * At start-up, gives every service whose kind of site is missing (stored before the gateway kept
 * it) or no longer its Organization's (the site's kind was changed since) the kind it has now, by
 * storing it again: {@link ServiceSiteType} does the rest. A node that finds another doing the same
 * leaves the service to it.
 */
final class ServiceSiteTypeRefresh implements ApplicationRunner {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceSiteTypeRefresh.class);

  private final DaoRegistry daos;
  private final SiteTypes siteTypes;

  ServiceSiteTypeRefresh(DaoRegistry daos, SiteTypes siteTypes) {
    this.daos = daos;
    this.siteTypes = siteTypes;
  }

  @Override
  public void run(ApplicationArguments args) {
    var dao = daos.getResourceDao(HealthcareService.class);
    for (IBaseResource resource : dao.search(SearchParameterMap.newSynchronous(), new SystemRequestDetails())
        .getAllResources()) {
      HealthcareService service = (HealthcareService) resource;
      String provider = service.getProvidedBy().getReferenceElement().getIdPart();
      String wanted = provider == null ? null : siteTypes.of(provider).orElse(null);
      Extension stamped = service.getExtensionByUrl(ServiceSiteType.URL);
      String has = stamped == null ? null : ((CodeableConcept) stamped.getValue()).getCodingFirstRep().getCode();
      if (!Objects.equals(wanted, has)) {
        try {
          dao.update(service, new SystemRequestDetails());
        } catch (ResourceVersionConflictException updatedMeanwhile) {
          // Another node stored it again first: it carries the kind now.
        } catch (RuntimeException refused) {
          // A service the gateway's rules now refuse (a shelter's service with a location, stored before the rule):
          // it keeps its old kind until an admin corrects it; the gateway starts all the same.
          log.warn("Service {} could not be stored again with its site's kind: {}", service.getIdElement().getIdPart(),
              refused.getClass().getSimpleName());
        }
      }
    }
  }
}
