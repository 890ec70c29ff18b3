package org.passagegateway.gateway.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.passagegateway.gateway.consent.ConsentDecision;
import org.passagegateway.gateway.consent.DisclosureLog;
import org.passagegateway.gateway.consent.Disclosures;
import org.passagegateway.gateway.consent.LabelledResource;
import org.passagegateway.gateway.security.Caller;

/**
 * Records every consent decision as an audit event (type consent-decision, subtype permit or
 * deny): who asked, for which purpose, about which client and resource, under which consent, the
 * categories disclosed and those withheld. Written with the request's other events.
 */
final class AuditedDisclosures implements DisclosureLog {

  private final Clock clock;

  AuditedDisclosures(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void decided(RequestDetails request, Caller caller, Disclosures.Decided decided) {
    ConsentDecision decision = decided.decision();
    LabelledResource resource = decided.resource();
    Set<String> disclosed = new TreeSet<>();
    if (decision.discloses()) {
      disclosed.addAll(resource.labels());
      resource.elementLabels().values().forEach(disclosed::addAll);
      disclosed.removeAll(decision.withheldLabels());
    }
    AuditedReads.later(request, new AuditRecord(AuditRecord.Kind.CONSENT_DECISION, clock.instant(), caller.clientId(),
        caller.organizationId().orElse(null), caller.purposeOfUse().orElse(null), resource.patient(),
        resource.reference(), decision.consent(), decision.discloses(), decision.withheldLabels(), disclosed));
  }
}
