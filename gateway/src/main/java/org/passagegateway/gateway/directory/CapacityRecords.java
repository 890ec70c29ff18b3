package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.passagegateway.gateway.config.Stages;

/**
 * A service's capacity is what its site last published with {@code $capacity}, and nothing else:
 * any other update of the service (an admin renaming it, a client writing back what it read, with
 * the held places and stale status the gateway showed) keeps the capacity stored before. Whatever
 * capacity a service is stored with (created with one, or published) is what holds count against,
 * in the same transaction.
 */
@Interceptor
final class CapacityRecords {

  /** Marks the request of a {@code $capacity} publication, the one write that may change capacity. */
  static final String PUBLISHING = CapacityRecords.class.getName() + ".publishing";

  private final CapacityStore store;

  CapacityRecords(CapacityStore store) {
    this.store = store;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void keep(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof HealthcareService service && previous instanceof HealthcareService stored
        && (request == null || request.getUserData().get(PUBLISHING) == null)) {
      service.getExtension().removeIf(extension -> Capacity.URL.equals(extension.getUrl()));
      stored.getExtension().stream().filter(extension -> Capacity.URL.equals(extension.getUrl()))
          .forEach(extension -> service.addExtension(extension.copy()));
    }
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.AUDIT)
  public void created(IBaseResource resource) {
    publish(resource);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.AUDIT)
  public void updated(IBaseResource previous, IBaseResource resource) {
    publish(resource);
  }

  private void publish(IBaseResource resource) {
    if (resource instanceof HealthcareService service) {
      Capacity.of(service).filter(capacity -> capacity.updated() != null)
          .ifPresent(capacity -> store.publish(service.getIdElement().getIdPart(), capacity.available(), capacity.updated()));
    }
  }
}
