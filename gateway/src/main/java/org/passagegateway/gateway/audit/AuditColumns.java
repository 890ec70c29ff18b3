package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.IdType;

/**
 * The search columns of one audit event, derived from the event alone (so verification can derive
 * them again and find a row whose columns were changed to hide it from a search).
 *
 * @param typeCode the event type's code ({@code rest}, DICOM {@code 110112}, {@code consent-decision}, ...)
 * @param subtypeCode the first subtype's code ({@code read}, {@code permit}, ...), or null
 * @param patientId the client it concerns, or null
 * @param agentOrganization the requesting site's Organization id, or null
 * @param agentClient the requesting client application's id
 * @param consent the consent that decided, versionless ({@code Consent/3}), or null
 * @param outcome the outcome code ({@code 0} success, {@code 4} minor failure, ...)
 * @param entities every resource the event names but the client and the consent that decided, versionless
 *     ({@code Task/12}), sorted, each once; stored in one column, each reference between spaces
 *     ({@code " ServiceRequest/7 Task/12 "}), so that a search for one is a LIKE on the column
 */
record AuditColumns(String typeCode, String subtypeCode, String patientId, String agentOrganization, String agentClient,
    String consent, String outcome, List<String> entities) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The columns of an event as stored (its JSON text): read with a plain JSON reader, not parsed
   * into a FHIR model, so that the verifier derives a million events' columns in seconds. The
   * writer derives them from the same text it stores.
   */
  static AuditColumns of(String storedEvent) {
    JsonNode event;
    try {
      event = JSON.readTree(storedEvent);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("an audit event that is not JSON", e);
    }
    String patient = null;
    List<String> named = new ArrayList<>();
    for (JsonNode component : event.path("entity")) {
      IdType what = new IdType(text(component.path("what").path("reference")));
      if (!what.hasResourceType() || !what.hasIdPart()) {
        continue;
      }
      if ("Patient".equals(what.getResourceType()) && "1".equals(text(component.path("role").path("code")))) {
        patient = what.getIdPart();
      } else {
        named.add(what.getResourceType() + "/" + what.getIdPart());
      }
    }
    // BalpEvents names the consent that decided last, after the resources it decided about.
    String type = text(event.path("type").path("code"));
    String consent = null;
    String last = named.isEmpty() ? null : named.get(named.size() - 1);
    if ("consent-decision".equals(type) && named.size() >= 2 && last.startsWith("Consent/")) {
      consent = last;
      named.remove(named.size() - 1);
    }
    JsonNode agent = event.path("agent").path(0);
    for (JsonNode candidate : event.path("agent")) {
      if (candidate.path("requestor").asBoolean(false)) {
        agent = candidate;
        break;
      }
    }
    IdType who = new IdType(text(agent.path("who").path("reference")));
    String organization = "Organization".equals(who.getResourceType()) ? who.getIdPart() : null;
    return new AuditColumns(type, text(event.path("subtype").path(0).path("code")), patient, organization,
        text(agent.path("altId")), consent, text(event.path("outcome")), new ArrayList<>(new TreeSet<>(named)));
  }

  /** A JSON string's value, or null where there is none (as HAPI's model answers an absent element). */
  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
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
    return new Object[] {typeCode, subtypeCode, patientId, agentOrganization, agentClient, stored(entities), consent,
        outcome};
  }

  /** The column value of the resources: each between spaces, or null for none. */
  static String stored(List<String> entities) {
    return entities.isEmpty() ? null : " " + String.join(" ", entities) + " ";
  }

  /** The LIKE pattern that finds a resource in that column. */
  static String pattern(String reference) {
    return "% " + reference.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %";
  }

  /** The most resources one event names, so that the column holds them (4,000 characters). */
  static final int MAX_ENTITIES = 40;

  static final String COLUMNS =
      "type_code, subtype_code, patient_id, agent_org, agent_client, entity_refs, consent_ref, outcome";
}
