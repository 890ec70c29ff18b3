package org.passagegateway.gateway.audit;

import java.util.Objects;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The search columns of one audit event, derived from the event alone (so verification can derive
 * them again and find a row whose columns were changed to hide it from a search).
 *
 * @param typeCode the event type's code ({@code rest}, DICOM {@code 110112}, {@code consent-decision}, ...)
 * @param subtypeCode the first subtype's code ({@code read}, {@code permit}, ...), or null
 * @param patientId the client it concerns, or null
 * @param agentOrganization the requesting site's Organization id, or null
 * @param agentClient the requesting client application's id
 * @param entity the resource acted on or decided about, versionless ({@code Task/12}), or null
 * @param consent the consent that decided, versionless ({@code Consent/3}), or null
 * @param outcome the outcome code ({@code 0} success, {@code 4} minor failure, ...)
 */
record AuditColumns(String typeCode, String subtypeCode, String patientId, String agentOrganization, String agentClient,
    String entity, String consent, String outcome) {

  static AuditColumns of(AuditEvent event) {
    String patient = null;
    String entity = null;
    String consent = null;
    for (AuditEvent.AuditEventEntityComponent component : event.getEntity()) {
      IdType what = new IdType(component.getWhat().getReference());
      if (!what.hasResourceType() || !what.hasIdPart()) {
        continue;
      }
      String versionless = what.getResourceType() + "/" + what.getIdPart();
      if ("Patient".equals(what.getResourceType()) && "1".equals(component.getRole().getCode())) {
        patient = what.getIdPart();
      } else if (entity == null) {
        entity = versionless;
      } else if (consent == null && "Consent".equals(what.getResourceType())) {
        // BalpEvents names the resource first and the consent that decided after it.
        consent = versionless;
      }
    }
    AuditEvent.AuditEventAgentComponent agent = event.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
        .findFirst().orElse(event.getAgentFirstRep());
    Reference who = agent.getWho();
    String organization = who.hasReference() && "Organization".equals(who.getReferenceElement().getResourceType())
        ? who.getReferenceElement().getIdPart() : null;
    return new AuditColumns(event.getType().getCode(), event.hasSubtype() ? event.getSubtypeFirstRep().getCode() : null,
        patient, organization, agent.getAltId(), entity, consent,
        event.hasOutcome() ? event.getOutcome().toCode() : null);
  }

  /** Whether a row's stored columns say what its event says. */
  boolean matches(Object[] stored) {
    Object[] derived = values();
    for (int i = 0; i < derived.length; i++) {
      if (!Objects.equals(derived[i], stored[i])) {
        return false;
      }
    }
    return true;
  }

  /** In the order of {@link #COLUMNS}. */
  Object[] values() {
    return new Object[] {typeCode, subtypeCode, patientId, agentOrganization, agentClient, entity, consent, outcome};
  }

  static final String COLUMNS = "type_code, subtype_code, patient_id, agent_org, agent_client, entity_ref, consent_ref, outcome";
}
