package org.passagegateway.gateway.referral;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import java.util.Map;
import java.util.HashMap;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.custody.Parties;
import org.passagegateway.gateway.config.TransactionResources;
import org.passagegateway.terminology.PassageTerminology;

/**
 * What the workflow rules look up, as the gateway itself (never narrowed to the caller): the
 * referral a Task is about, earlier Tasks, and which sites offer which service.
 */
public final class ReferralDirectory {

  private final DaoRegistry daos;

  public ReferralDirectory(DaoRegistry daos) {
    this.daos = daos;
  }

  /**
   * The ServiceRequest a Task's {@code focus} names: as written in the same transaction if it is
   * one of its entries (an update of the referral sent with a re-referral counts), else as stored.
   */
  public Optional<ServiceRequest> focusOf(Task task, RequestDetails request) {
    String reference = task.getFocus().getReference();
    if (reference == null) {
      return Optional.empty();
    }
    IdType focus = new IdType(reference);
    // Inside a transaction HAPI stores every entry before it rewrites urn:uuid references.
    Optional<ServiceRequest> inTransaction = TransactionBundles.of(request).stream()
        .flatMap(bundle -> bundle.getEntry().stream())
        .filter(entry -> entry.getResource() instanceof ServiceRequest)
        .filter(entry -> reference.equals(entry.getFullUrl())
            || (focus.hasIdPart() && focus.getIdPart().equals(entry.getResource().getIdElement().getIdPart())))
        .map(entry -> (ServiceRequest) entry.getResource()).findFirst();
    if (inTransaction.isPresent()) {
      return inTransaction;
    }
    return "ServiceRequest".equals(focus.getResourceType()) && focus.hasIdPart()
        ? read(ServiceRequest.class, focus.getIdPart()) : Optional.empty();
  }

  /** A stored resource by id. */
  public <T extends Resource> Optional<T> read(Class<T> type, String id) {
    String name = type.getSimpleName();
    try {
      return Optional.of(type.cast(daos.getResourceDao(name).read(new IdType(name, id), new SystemRequestDetails())));
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
  }

  /** Whether the site has an active HealthcareService of the service type the referral asks for. */
  boolean offers(String organizationId, ServiceRequest referral) {
    return serviceFor(organizationId, referral).isPresent();
  }

  /**
   * The site's active HealthcareService of the service type the referral asks for, if it has one:
   * searched once per database transaction, however many rules of one write ask (the workflow's
   * addressing, the directory's fit and holds).
   */
  public Optional<HealthcareService> serviceFor(String organizationId, ServiceRequest referral) {
    Optional<Coding> service = referral.getCode().getCoding().stream()
        .filter(c -> PassageTerminology.SERVICE_TYPE.equals(c.getSystem())).findFirst();
    if (service.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Optional<HealthcareService>> found = TransactionResources.bound(SERVICES, HashMap::new);
    return found.computeIfAbsent(organizationId + "|" + service.get().getCode(),
        key -> searchService(organizationId, service.get()));
  }

  /** The key this directory's per-transaction answers are kept under. */
  private static final Object SERVICES = ReferralDirectory.class.getName() + ".services";

  private Optional<HealthcareService> searchService(String organizationId, Coding service) {
    SearchParameterMap offering = SearchParameterMap.newSynchronous()
        .add("organization", new ReferenceParam("Organization/" + organizationId))
        .add("service-type", new TokenParam(PassageTerminology.SERVICE_TYPE, service.getCode()))
        .add("active", new TokenParam("true"));
    offering.setCount(1);
    return daos.getResourceDao("HealthcareService").search(offering, new SystemRequestDetails()).getResources(0, 1).stream()
        .map(HealthcareService.class::cast).findFirst();
  }


  /** The Organization id a reference points at, or null. */
  static String organizationId(Reference reference) {
    return Parties.organizationId(reference).orElse(null);
  }
}
