package org.passagegateway.gateway.directory;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.referral.ReferralDirectory;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST HealthcareService/[id]/$hold}: a referring site holds one of the service's free
 * places while it sends the referral. The place counts as taken at once; the referral Task names
 * the hold in an input of type {@code capacity-hold} (code system passage-task-input), and the hold
 * ends when the referral is accepted (the place is then occupied), rejected, cancelled or failed,
 * or at {@code expires} if no referral took it up. Holds take the service's row lock, so two sites
 * can never hold the last place at once: the second gets 409 {@code PASSAGE-8002}.
 */
final class HoldOperation {

  private final ReferralDirectory directory;
  private final CapacityStore store;
  private final TransactionTemplate transactions;
  private final DirectoryProperties properties;
  private final Clock clock;

  HoldOperation(ReferralDirectory directory, CapacityStore store, TransactionTemplate transactions,
      DirectoryProperties properties, Clock clock) {
    this.directory = directory;
    this.store = store;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  @Operation(name = "$hold", type = HealthcareService.class, idempotent = false)
  public Parameters hold(@IdParam IdType id, RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $hold by a client that is not a site"));
    String site = caller.organizationId().orElseThrow();
    HealthcareService service;
    service = directory.read(HealthcareService.class, id.getIdPart())
        .orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    Instant now = clock.instant();
    Instant expires = now.plus(properties.holdDuration());
    // Only a current status that says there is a place: not stale, not a waiting list or assessment.
    boolean current = Capacity.of(service)
        .map(capacity -> !capacity.staleAt(now) && Capacity.CAPACITY.equals(capacity.status())).orElse(false);
    String hold = current ? transactions.execute(tx -> store.hold(id.getIdPart(), site, now, expires).orElse(null)) : null;
    if (hold == null) {
      throw PassageError.NO_PLACE_TO_HOLD.exception();
    }
    Parameters answer = new Parameters();
    answer.addParameter().setName("hold").setValue(new StringType(hold));
    answer.addParameter().setName("expires").setValue(new InstantType(Date.from(expires)));
    return answer;
  }
}
