package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The columns of an event as stored (its JSON text): read with a streaming JSON parser that
   * keeps only the few elements the columns come from, not parsed into a FHIR model, so that the
   * verifier derives a million events' columns in seconds. The writer derives them from the same
   * text it stores.
   */
  static AuditColumns of(String storedEvent) {
    Elements event = new Elements();
    try (JsonParser parser = JSON.createParser(storedEvent)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "type" -> event.type = field(parser, "code");
          case "subtype" -> event.subtype = firstField(parser, "code");
          case "outcome" -> event.outcome = text(parser);
          case "agent" -> readArray(parser, () -> event.agents.add(agent(parser)));
          case "entity" -> readArray(parser, () -> event.entities.add(entity(parser)));
          default -> parser.skipChildren();
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("an audit event that is not JSON", e);
    }
    return event.columns();
  }

  /** The few elements of an AuditEvent its columns come from. */
  private static final class Elements {
    String type;
    String subtype;
    String outcome;
    final List<String[]> agents = new ArrayList<>();
    final List<String[]> entities = new ArrayList<>();

    AuditColumns columns() {
      String patient = null;
      List<String> named = new ArrayList<>();
      for (String[] entity : entities) {
        IdType what = new IdType(entity[0]);
        if (!what.hasResourceType() || !what.hasIdPart()) {
          continue;
        }
        if ("Patient".equals(what.getResourceType()) && "1".equals(entity[1])) {
          patient = what.getIdPart();
        } else {
          named.add(what.getResourceType() + "/" + what.getIdPart());
        }
      }
      // BalpEvents names the consent that decided last, after the resources it decided about.
      String consent = null;
      String last = named.isEmpty() ? null : named.get(named.size() - 1);
      if ("consent-decision".equals(type) && named.size() >= 2 && last.startsWith("Consent/")) {
        consent = last;
        named.remove(named.size() - 1);
      }
      // The requesting agent, else the first.
      String[] agent = agents.stream().filter(candidate -> "true".equals(candidate[0])).findFirst()
          .orElse(agents.isEmpty() ? new String[3] : agents.get(0));
      IdType who = new IdType(agent[1]);
      String organization = "Organization".equals(who.getResourceType()) ? who.getIdPart() : null;
      return new AuditColumns(type, subtype, patient, organization, agent[2], consent, outcome,
          new ArrayList<>(new TreeSet<>(named)));
    }
  }

  /** An agent: {requestor, who.reference, altId}. */
  private static String[] agent(JsonParser parser) throws java.io.IOException {
    String[] agent = new String[3];
    readObject(parser, name -> {
      switch (name) {
        case "requestor" -> agent[0] = parser.currentToken() == JsonToken.VALUE_TRUE ? "true" : null;
        case "who" -> agent[1] = field(parser, "reference");
        case "altId" -> agent[2] = text(parser);
        default -> parser.skipChildren();
      }
    });
    return agent;
  }

  /** An entity: {what.reference, role.code}. */
  private static String[] entity(JsonParser parser) throws java.io.IOException {
    String[] entity = new String[2];
    readObject(parser, name -> {
      switch (name) {
        case "what" -> entity[0] = field(parser, "reference");
        case "role" -> entity[1] = field(parser, "code");
        default -> parser.skipChildren();
      }
    });
    return entity;
  }

  /** The string value of one field of the object at the parser (which it reads to its end). */
  private static String field(JsonParser parser, String wanted) throws java.io.IOException {
    String[] value = new String[1];
    readObject(parser, name -> {
      if (name.equals(wanted)) {
        value[0] = text(parser);
      } else {
        parser.skipChildren();
      }
    });
    return value[0];
  }

  /** That field of the first element of the array at the parser. */
  private static String firstField(JsonParser parser, String wanted) throws java.io.IOException {
    String[] value = new String[1];
    boolean[] first = {true};
    readArray(parser, () -> {
      if (first[0]) {
        value[0] = field(parser, wanted);
        first[0] = false;
      } else {
        parser.skipChildren();
      }
    });
    return value[0];
  }

  private interface FieldReader {
    void read(String name) throws java.io.IOException;
  }

  private interface ElementReader {
    void read() throws java.io.IOException;
  }

  private static void readObject(JsonParser parser, FieldReader reader) throws java.io.IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      reader.read(name);
    }
  }

  private static void readArray(JsonParser parser, ElementReader reader) throws java.io.IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      reader.read();
    }
  }

  private static void expect(JsonToken token, JsonToken expected) {
    if (token != expected) {
      throw new IllegalArgumentException("an audit event that is not a JSON object");
    }
  }

  /** A JSON string's value, or null where there is none (as HAPI's model answers an absent element). */
  private static String text(JsonParser parser) throws java.io.IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      parser.skipChildren();
      return null;
    }
    String value = parser.getText();
    return value.isEmpty() ? null : value;
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
