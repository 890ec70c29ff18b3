package org.passagegateway.gateway.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.ArrayList;
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
 * data it shows, before the response leaves the gateway (so no disclosure goes unrecorded: if the
 * events cannot be written, the caller gets an error instead of the data). The event names the
 * client, the resource read (for a search, none: the query may itself hold identifiers) and who
 * asked; never any content. Writes are audited where they are stored ({@link AuditedWrites}).
 */
@Interceptor
final class AuditedReads {

  private static final String SHOWN = AuditedReads.class.getName() + ".shown";
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

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public void respond(RequestDetails request) {
    @SuppressWarnings("unchecked")
    Map<String, String> shown = (Map<String, String>) request.getUserData().get(SHOWN);
    if (shown == null || shown.isEmpty()) {
      return;
    }
    boolean search = SEARCHES.contains(request.getRestOperationType());
    Optional<Caller> caller = Callers.of(request);
    List<AuditRecord> records = new ArrayList<>(shown.size());
    shown.forEach((patient, resource) -> records.add(new AuditRecord(
        search ? AuditRecord.Kind.SEARCH : AuditRecord.Kind.READ, clock.instant(),
        caller.map(Caller::clientId).orElse(AuditedWrites.GATEWAY), caller.flatMap(Caller::organizationId).orElse(null),
        caller.flatMap(Caller::purposeOfUse).orElse(null), patient, search ? null : resource, null, true, Set.of())));
    log.appendAll(records);
  }
}
