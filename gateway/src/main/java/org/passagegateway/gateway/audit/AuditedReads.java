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
import org.passagegateway.gateway.consent.DisclosedResources;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * Every read, history or search that shows client data writes one audit event per client whose
 * data it shows (for data shown to a site other than its custodian, the consent decisions taken
 * for it are those events), before the response leaves the gateway (so no disclosure goes unrecorded: if the
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
  private final Clock clock;

  AuditedReads(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Notes the clients whose data is about to be shown (after every other filter has run). */
  @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = 2000)
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
   * Writes the request's events: one per client shown, and the consent decisions taken for it
   * (after HAPI's consent interceptor has decided about every resource in the response).
   */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 2000)
  public void respond(RequestDetails request) {
    @SuppressWarnings("unchecked")
    Map<String, String> shown = (Map<String, String>) request.getUserData().get(SHOWN);
    List<AuditRecord> records = taken(request);
    if (shown != null) {
      boolean search = SEARCHES.contains(request.getRestOperationType());
      Optional<Caller> caller = Callers.of(request);
      // A disclosure to another site is recorded by its consent decision, which names the
      // resource, the recipient, the purpose and the consent: no second event for that client.
      Set<String> decided = new HashSet<>();
      records.stream().filter(record -> record.kind() == AuditRecord.Kind.CONSENT_DECISION)
          .forEach(record -> decided.add(record.patientId()));
      shown.keySet().removeAll(decided);
      shown.forEach((patient, resource) -> records.add(new AuditRecord(
          search ? AuditRecord.Kind.SEARCH : AuditRecord.Kind.READ, clock.instant(),
          caller.map(Caller::clientId).orElse(AuditedWrites.GATEWAY), caller.flatMap(Caller::organizationId).orElse(null),
          caller.flatMap(Caller::purposeOfUse).orElse(null), patient, search ? null : resource, null, true, Set.of())));
    }
    log.appendAll(records);
  }

  /** A request that failed still records the decisions taken for it (a denial is a decision). */
  @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
  public boolean failed(RequestDetails request) {
    log.appendAll(taken(request));
    return true;
  }

  /** Keeps an event to be written with the request's others, before its response leaves. */
  static void later(RequestDetails request, AuditRecord record) {
    pending(request).add(record);
  }

  /** The events kept so far, no longer kept (each is written once). */
  @SuppressWarnings("unchecked")
  private static List<AuditRecord> taken(RequestDetails request) {
    List<AuditRecord> kept = (List<AuditRecord>) request.getUserData().remove(PENDING);
    return kept == null ? new ArrayList<>() : new ArrayList<>(kept);
  }

  @SuppressWarnings("unchecked")
  private static List<AuditRecord> pending(RequestDetails request) {
    return (List<AuditRecord>) request.getUserData().computeIfAbsent(PENDING, key -> new ArrayList<AuditRecord>());
  }
}
