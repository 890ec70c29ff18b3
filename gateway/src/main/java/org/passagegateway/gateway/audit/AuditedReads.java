package org.passagegateway.gateway.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.custody.Accounting;
import org.passagegateway.gateway.custody.DisclosedResources;
import org.passagegateway.gateway.custody.Verdict;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * Every read, history or search that shows client data writes one audit event per client whose
 * data it shows (for data shown to a site other than its custodian, the consent decision taken
 * for her, one event per consent and outcome naming every resource shown), before the response
 * leaves the gateway (so no disclosure goes unrecorded: if the
 * events cannot be written, the caller gets an error instead of the data). The event names the
 * client, the resource read (for a search, none: the query may itself hold identifiers) and who
 * asked; never any content. Writes are audited where they are stored ({@link AuditedWrites}).
 */
@Interceptor
final class AuditedReads {

  private static final String SHOWN = AuditedReads.class.getName() + ".shown";
  private static final String PENDING = AuditedReads.class.getName() + ".pending";
  private static final Set<RestOperationTypeEnum> READS = Set.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
      RestOperationTypeEnum.HISTORY_INSTANCE);
  private static final Set<RestOperationTypeEnum> SEARCHES = Set.of(RestOperationTypeEnum.SEARCH_TYPE,
      RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);

  private final AuditLog log;
  private final AuditedDisclosures disclosures;
  private final Clock clock;

  AuditedReads(AuditLog log, AuditedDisclosures disclosures, Clock clock) {
    this.log = log;
    this.disclosures = disclosures;
    this.clock = clock;
  }

  /** Notes the clients whose data is about to be shown (after every other filter has run). */
  @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = Stages.AUDIT)
  public void shown(RequestDetails request, IPreResourceShowDetails resources) {
    if (request == null || !(READS.contains(request.getRestOperationType())
        || SEARCHES.contains(request.getRestOperationType()))) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> shown = (Map<String, String>) request.getUserData().computeIfAbsent(SHOWN,
        key -> new LinkedHashMap<String, String>());
    for (int i = 0; i < resources.size(); i++) {
      if (resources.getResource(i) instanceof Resource resource
          && ResourceCategory.of(resource.fhirType()) == ResourceCategory.CLINICAL) {
        DisclosedResources.patientOf(resource).ifPresent(patient ->
            shown.putIfAbsent(patient, resource.getIdElement().toUnqualified().getValue()));
      }
    }
  }

  /**
   * Writes the request's events: its consent decisions (every deny, and every permit of what the
   * response carries) and one event per other client shown.
   */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Stages.AUDIT)
  public void respond(RequestDetails request) {
    @SuppressWarnings("unchecked")
    Map<String, String> shown = (Map<String, String>) request.getUserData().remove(SHOWN);
    Optional<Caller> caller = Callers.agent(request);
    List<AuditRecord> records = new ArrayList<>();
    Set<String> disclosedTo = new HashSet<>();
    List<Verdict> verdicts = Accounting.take(request, true);
    caller.ifPresent(agent -> records.addAll(disclosures.records(verdicts, agent)));
    for (Verdict verdict : verdicts) {
      if (verdict.shows()) {
        disclosedTo.add(verdict.about().patient());
      }
    }
    if (shown != null) {
      boolean search = SEARCHES.contains(request.getRestOperationType());
      // A disclosure to another site is recorded by its consent decision, which names the
      // resource, the recipient, the purpose and the consent: no second event for that client.
      shown.keySet().removeAll(disclosedTo);
      shown.forEach((patient, resource) -> records.add(new AuditRecord(
          search ? AuditRecord.Kind.SEARCH : AuditRecord.Kind.READ, clock.instant(),
          caller.map(Caller::clientId).orElse(AuditedWrites.GATEWAY), caller.flatMap(Caller::organizationId).orElse(null),
          caller.flatMap(Caller::purposeOfUse).orElse(null), patient, search ? null : resource, null, true, Set.of())));
    }
    log.appendAll(records);
  }

  /** A request that failed records the refusals its client's consents decided, and nothing it would have shown. */
  @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
  public boolean failed(RequestDetails request) {
    request.getUserData().remove(SHOWN);
    List<Verdict> refusals = Accounting.take(request, false);
    Callers.agent(request).ifPresent(agent -> log.appendAll(disclosures.records(refusals, agent)));
    return true;
  }
}
