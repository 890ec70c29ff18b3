package org.passagegateway.gateway.audit;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.passagegateway.gateway.consent.ConsentDecision;
import org.passagegateway.gateway.consent.LabelledResource;
import org.passagegateway.gateway.custody.DecisionLog;
import org.passagegateway.gateway.custody.Verdict;
import org.passagegateway.gateway.security.Caller;

/**
 * Records consent decisions as audit events (type consent-decision, subtype permit or deny): who
 * asked (the calling site and its client application), for which purpose, about which client and
 * resource, for which recipient, under which consent, the categories disclosed and those withheld.
 * A request's decisions are written with its other events ({@link AuditedReads}); a decision of
 * the gateway's own (a withheld notification) at once.
 */
final class AuditedDisclosures implements DecisionLog {

  private final AuditLog log;
  private final Clock clock;

  AuditedDisclosures(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void decided(Verdict verdict, String clientId, String purposeOfUse) {
    log.append(record(verdict, clientId, verdict.viewer().site(), purposeOfUse));
  }

  /** The event of a decision taken for a request of this agent. */
  AuditRecord record(Verdict verdict, Caller agent) {
    return record(verdict, agent.clientId(), agent.organizationId().orElse(null), agent.purposeOfUse().orElse(null));
  }

  private AuditRecord record(Verdict verdict, String clientId, String site, String purposeOfUse) {
    ConsentDecision decision = verdict.decision();
    LabelledResource resource = verdict.about();
    Set<String> disclosed = new TreeSet<>();
    if (decision.discloses()) {
      disclosed.addAll(resource.labels());
      resource.elementLabels().values().forEach(disclosed::addAll);
      disclosed.removeAll(decision.withheldLabels());
    }
    return new AuditRecord(AuditRecord.Kind.CONSENT_DECISION, clock.instant(), clientId, site, purposeOfUse,
        resource.patient(), resource.reference(), decision.consent(), decision.discloses(), decision.withheldLabels(),
        disclosed, verdict.viewer().site());
  }
}
