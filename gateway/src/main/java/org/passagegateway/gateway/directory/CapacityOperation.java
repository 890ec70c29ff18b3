package org.passagegateway.gateway.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.referral.ReferralDirectory;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST HealthcareService/[id]/$capacity}: a site publishes the capacity of one of its own
 * services (status, and as it keeps them, available and maximum places, their unit, and how often
 * it will update them). Only the site that provides the service may (403 {@code PASSAGE-3004}
 * otherwise); the gateway stamps when, and until when the status is current. The service and the
 * store of places that holds count against change in one transaction ({@link CapacityRecords}).
 * Answers the service as members see it.
 */
final class CapacityOperation {

  private static final Set<String> STATUSES = Set.of("capacity", "no-capacity", "waitlist", "assessment-needed");
  private static final Set<String> UNITS = Set.of("places", "beds", "appointments", "slots");

  private final DaoRegistry daos;
  private final ReferralDirectory directory;
  private final TransactionTemplate transactions;
  private final DirectoryProperties properties;
  private final Clock clock;

  CapacityOperation(DaoRegistry daos, ReferralDirectory directory, TransactionTemplate transactions, DirectoryProperties properties, Clock clock) {
    this.daos = daos;
    this.directory = directory;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  @Operation(name = "$capacity", type = HealthcareService.class, idempotent = false)
  public HealthcareService capacity(@IdParam IdType id,
      @OperationParam(name = "status", min = 1, max = 1) CodeType status,
      @OperationParam(name = "available", max = 1) IntegerType available,
      @OperationParam(name = "maximum", max = 1) IntegerType maximum,
      @OperationParam(name = "unit", max = 1) CodeType unit,
      @OperationParam(name = "refreshInterval", max = 1) Duration refreshInterval,
      RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $capacity by a client that is not a site"));
    Integer free = number(available);
    Integer all = number(maximum);
    if (status == null || !STATUSES.contains(status.getValue()) || (unit != null && !UNITS.contains(unit.getValue()))
        || (free != null && free < 0) || (all != null && all < 0) || (free != null && all != null && free > all)
        || (refreshInterval != null && Capacity.interval(refreshInterval).isEmpty())) {
      throw PassageError.CAPACITY_INVALID.exception();
    }
    return transactions.execute(tx -> {
      HealthcareService service = ownService(id.getIdPart(), caller);
      Instant now = clock.instant();
      java.time.Duration interval = Capacity.interval(refreshInterval).orElse(properties.defaultRefreshInterval());
      new Capacity(status.getValue(), free, all, unit == null ? null : unit.getValue(), now, refreshInterval,
          now.plus(interval)).writeTo(service, null);
      var publication = Callers.onBehalfOf(caller);
      publication.getUserData().put(CapacityRecords.PUBLISHING, Boolean.TRUE);
      return (HealthcareService) daos.getResourceDao(HealthcareService.class).update(service, publication).getResource();
    });
  }

  private HealthcareService ownService(String id, Caller caller) {
    HealthcareService service;
    service = directory.read(HealthcareService.class, id)
        .orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    String provider = service.getProvidedBy().getReferenceElement().getIdPart();
    if (provider == null || !provider.equals(caller.organizationId().orElse(null))) {
      throw PassageError.NOT_OWN_ORGANIZATION.exception("the service's providedBy");
    }
    return service;
  }

  private static Integer number(IntegerType value) {
    return value == null ? null : value.getValue();
  }
}
