package org.passagegateway.gateway.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * resources, for which recipient, under which consent, the categories disclosed and those withheld:
 * one event per client and consent decision of a request (DESIGN.md: one event per patient), not
 * one per resource. A request's decisions are written with its other events ({@link AuditedReads});
 * a decision of the gateway's own (a withheld notification) at once.
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
    log.append(record(List.of(verdict), clientId, verdict.viewer().site(), purposeOfUse));
  }

  /**
   * The events of the decisions taken for a request of this agent: one per client, consent,
   * outcome and recipient (up to {@link AuditColumns#MAX_ENTITIES} resources an event), naming every
   * resource so decided (with the categories disclosed of each) and the categories withheld from
   * any of them. A decision no consent took (there was none in
   * force) is an event of its own.
   */
  List<AuditRecord> records(List<Verdict> verdicts, Caller agent) {
    List<List<Verdict>> events = new ArrayList<>();
    Map<List<Object>, List<Verdict>> open = new HashMap<>();
    for (Verdict verdict : verdicts) {
      ConsentDecision decision = verdict.decision();
      List<Object> key = decision.consent() == null ? null
          : Arrays.asList(verdict.about().patient(), decision.consent(), decision.discloses(), verdict.viewer().site());
      List<Verdict> event = key == null ? null : open.get(key);
      if (event == null || event.size() == AuditColumns.MAX_ENTITIES) {
        event = new ArrayList<>();
        events.add(event);
        if (key != null) {
          open.put(key, event);
        }
      }
      event.add(verdict);
    }
    String site = agent.organizationId().orElse(null);
    String purpose = agent.purposeOfUse().orElse(null);
    return events.stream().map(event -> record(event, agent.clientId(), site, purpose)).toList();
  }

  /** One event for decisions alike about one client's resources. */
  private AuditRecord record(List<Verdict> alike, String clientId, String site, String purposeOfUse) {
    Verdict first = alike.get(0);
    ConsentDecision decision = first.decision();
    Map<String, Set<String>> disclosed = new LinkedHashMap<>();
    Set<String> withheld = new TreeSet<>();
    for (Verdict verdict : alike) {
      LabelledResource resource = verdict.about();
      Set<String> categories = disclosed.computeIfAbsent(resource.reference(), reference -> new TreeSet<>());
      withheld.addAll(verdict.decision().withheldLabels());
      if (verdict.decision().discloses()) {
        categories.addAll(resource.labels());
        resource.elementLabels().values().forEach(categories::addAll);
        categories.removeAll(verdict.decision().withheldLabels());
      }
    }
    List<AuditRecord.Subject> subjects = disclosed.entrySet().stream()
        .map(entry -> new AuditRecord.Subject(entry.getKey(), entry.getValue())).toList();
    return new AuditRecord(AuditRecord.Kind.CONSENT_DECISION, clock.instant(), clientId, site, purposeOfUse,
        first.about().patient(), subjects, decision.consent(), decision.discloses(), withheld, first.viewer().site());
  }
}
