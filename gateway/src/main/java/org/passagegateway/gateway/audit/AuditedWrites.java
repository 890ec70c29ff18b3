package org.passagegateway.gateway.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.custody.Custodians;
import org.passagegateway.gateway.custody.DisclosedResources;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * Every create and update of client data or of the directory writes its audit event in the same
 * database transaction (HAPI's pre-commit pointcuts), whoever makes it: a site, a transaction
 * entry, a claim, the gateway itself. A workflow transition or a consent change is an update of
 * its Task or Consent and is recorded as such. The event names the client, the resource version
 * and who acted; it carries none of the resource's content.
 */
@Interceptor
final class AuditedWrites {

  /** The agent of writes the gateway makes on its own account (demo data); an operation's writes name its caller. */
  static final String GATEWAY = "passage-gateway";

  private final AuditLog log;
  private final Clock clock;

  AuditedWrites(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.AUDIT)
  public void created(IBaseResource resource, RequestDetails request) {
    record(AuditRecord.Kind.CREATE, resource, request);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.AUDIT)
  public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
    record(AuditRecord.Kind.UPDATE, resource, request);
  }

  private void record(AuditRecord.Kind kind, IBaseResource written, RequestDetails request) {
    if (!(written instanceof Resource resource) || Custodians.isTagChange(request)) {
      return;
    }
    ResourceCategory category = ResourceCategory.of(resource.fhirType());
    if (category != ResourceCategory.CLINICAL && category != ResourceCategory.DIRECTORY) {
      return;
    }
    Optional<Caller> caller = Callers.agent(request);
    log.append(new AuditRecord(kind, clock.instant(), caller.map(Caller::clientId).orElse(GATEWAY),
        caller.flatMap(Caller::organizationId).orElse(null), caller.flatMap(Caller::purposeOfUse).orElse(null),
        DisclosedResources.patientOf(resource).orElse(null), resource.getIdElement().toUnqualified().getValue(), null,
        true, Set.of()));
  }
}
