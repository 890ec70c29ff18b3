package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.passagegateway.gateway.security.Callers;

/**
 * A service's capacity as members see it, wherever a HealthcareService leaves the gateway (reads,
 * searches, includes, the answer to a write or to {@code $capacity}): the free places less those
 * held or newly occupied ({@code held}), and a status older than its refresh interval answered as
 * {@code stale}, never as current. A women's shelter's numbers are its own: to any other site it
 * shows its status only, {@code no-capacity} once its last free place is held, so that watching
 * its places go down one by one cannot tell anyone where a woman was just sent.
 */
@Interceptor
final class CapacityView {

  /** Marks a service already presented in this response (a read passes both hooks). */
  private static final String PRESENTED = CapacityView.class.getName();

  private final CapacityStore store;
  private final Clock clock;

  CapacityView(CapacityStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
  public void show(RequestDetails request, IPreResourceShowDetails resources) {
    Instant now = clock.instant();
    for (int i = 0; i < resources.size(); i++) {
      if (resources.getResource(i) instanceof HealthcareService service) {
        present(request, service, now);
      }
    }
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public void respond(RequestDetails request, IBaseResource response) {
    Instant now = clock.instant();
    if (response instanceof HealthcareService service) {
      present(request, service, now);
    } else if (response instanceof Bundle bundle) {
      bundle.getEntry().stream().filter(e -> e.getResource() instanceof HealthcareService)
          .forEach(e -> present(request, (HealthcareService) e.getResource(), now));
    }
  }

  private static boolean isShelter(HealthcareService service) {
    var kind = service.getExtensionByUrl(ServiceSiteType.URL);
    return kind != null && kind.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept type
        && type.getCoding().stream().anyMatch(c -> SiteKinds.SHELTER.equals(c.getCode())
            && org.passagegateway.terminology.PassageTerminology.SITE_TYPE.equals(c.getSystem()));
  }

  private static boolean providedByCaller(RequestDetails request, HealthcareService service) {
    String provider = service.getProvidedBy().getReferenceElement().getIdPart();
    return provider != null && Callers.of(request).flatMap(caller -> caller.organizationId()).map(provider::equals)
        .orElse(false);
  }

  private void present(RequestDetails request, HealthcareService service, Instant now) {
    if (service.getUserData(PRESENTED) != null) {
      return;
    }
    service.setUserData(PRESENTED, Boolean.TRUE);
    Capacity.of(service).ifPresent(capacity -> {
      int taken = store.taken(service.getIdElement().getIdPart(), now);
      Integer free = capacity.available() == null ? null : Math.max(0, capacity.available() - taken);
      String status = capacity.staleAt(now) ? Capacity.STALE : capacity.status();
      if (isShelter(service) && !providedByCaller(request, service)) {
        String coarse = Capacity.CAPACITY.equals(status) && free != null && free == 0 ? Capacity.NO_CAPACITY : status;
        new Capacity(coarse, null, null, null, capacity.updated(), capacity.refreshInterval(), capacity.freshUntil())
            .writeTo(service, null);
        return;
      }
      new Capacity(status, free, capacity.maximum(), capacity.unit(), capacity.updated(), capacity.refreshInterval(),
          capacity.freshUntil()).writeTo(service, taken);
    });
  }
}
