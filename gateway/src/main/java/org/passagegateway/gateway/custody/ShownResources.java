package org.passagegateway.gateway.custody;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.RolePermissions;

/**
 * Every read path asks {@link Visibility} through HAPI's {@code ConsentInterceptor}, which calls
 * this service for every resource it loads (reads, searches and what they include, histories,
 * pages, batch entries), every resource it is about to show, and every resource in a response
 * (transaction and batch entries); it refuses {@code _total=accurate} and {@code _summary=count}
 * and clears Bundle totals, since counts would include what is withheld.
 *
 * <ul>
 *   <li>A caller sees only resource types its role allows.
 *   <li>A denied resource is dropped; a read of it answers as for one that never existed.
 *   <li>What is shown is redacted as the verdict says, without a marker, and noted as shown, for
 *       the audit log.
 * </ul>
 */
@Interceptor
final class ShownResources implements IConsentService {

  private final Visibility visibility;

  ShownResources(Visibility visibility) {
    this.visibility = visibility;
  }

  /**
   * Before HAPI's consent interceptor asks about each resource loaded: reads the consents of
   * every client among them at once.
   */
  @Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES, order = Stages.CONSENT_PREFETCH)
  public void readConsentsOfPage(RequestDetails request, IPreResourceAccessDetails resources) {
    visibility.viewerOf(request).ifPresent(viewer -> {
      List<Resource> loaded = new ArrayList<>();
      for (int i = 0; i < resources.size(); i++) {
        if (resources.getResource(i) instanceof Resource resource) {
          loaded.add(resource);
        }
      }
      LoadedResources.keep(request, loaded);
      visibility.readConsentsOf(request, viewer, loaded);
    });
  }

  @Override
  public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices context) {
    return Callers.of(request).isPresent();
  }

  @Override
  public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty()) {
      return ConsentOutcome.PROCEED;
    }
    String type = request.getFhirContext().getResourceType(resource);
    if (!RolePermissions.allows(caller.get(), type, 'r') && !RolePermissions.allows(caller.get(), type, 's')) {
      return ConsentOutcome.REJECT;
    }
    return visibility.decide(request, (Resource) resource).shows() ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
  }

  @Override
  public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
    if (Callers.of(request).isEmpty() || !(resource instanceof Resource shown)) {
      return ConsentOutcome.PROCEED;
    }
    Verdict verdict = visibility.decide(request, shown);
    if (!verdict.shows()) {
      return ConsentOutcome.REJECT;
    }
    Visibility.show(shown, verdict);
    Accounting.shown(request, shown, verdict);
    return ConsentOutcome.PROCEED;
  }
}
