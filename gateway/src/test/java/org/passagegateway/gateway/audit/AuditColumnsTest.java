package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The columns read from an event's stored text with a streaming parser are those read from the
 * same event parsed into HAPI's model (the reference below, as the columns were first derived), for
 * every kind of event the gateway writes and for generated events of any shape.
 */
class AuditColumnsTest {

  private static final IParser JSON = FhirContext.forR4Cached().newJsonParser();
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @Property(tries = 100)
  void whenTheGatewayWritesAnEventThenItsStoredTextGivesTheModelsColumns(@ForAll("records") AuditRecord record) {
    AuditEvent event = BalpEvents.toAuditEvent(record);

    assertThat(AuditColumns.of(JSON.encodeResourceToString(event))).isEqualTo(reference(event));
  }

  @Property(tries = 500)
  void whenAnEventHasAnyShapeThenItsStoredTextGivesTheModelsColumns(@ForAll("events") AuditEvent event) {
    assertThat(AuditColumns.of(JSON.encodeResourceToString(event))).isEqualTo(reference(event));
  }

  @Provide
  Arbitrary<AuditRecord> records() {
    Arbitrary<AuditRecord.Kind> kinds = Arbitraries.of(AuditRecord.Kind.class);
    Arbitrary<String> patients = Arbitraries.of("client-1", "p-2", null);
    Arbitrary<List<AuditRecord.Subject>> subjects = Arbitraries.of("Task/t-1", "ServiceRequest/sr-1",
        "Consent/c-1/_history/2", "Patient/client-1").map(ref -> new AuditRecord.Subject(ref, Set.of("SEX")))
        .list().ofMaxSize(4);
    Arbitrary<String> consents = Arbitraries.of("Consent/consent-client-1/_history/1", null);
    return net.jqwik.api.Combinators.combine(kinds, patients, subjects, consents, Arbitraries.of(true, false))
        .as((kind, patient, resources, consent, permitted) -> new AuditRecord(kind, NOW, "demo-site-anc-1", "anc-1",
            "COC", patient, resources, kind == AuditRecord.Kind.CONSENT_DECISION ? consent : null, permitted,
            Set.of(), null));
  }

  @Provide
  Arbitrary<AuditEvent> events() {
    Arbitrary<String> references = Arbitraries.of("Patient/p-1", "Task/t-1", "Task/t-1/_history/4", "Consent/c-9",
        "https://elsewhere.example/fhir/ServiceRequest/sr-2", "Organization/hr-1", "#contained", "", "urn:uuid:1234",
        null);
    Arbitrary<String> codes = Arbitraries.of("1", "4", "110112", "consent-decision", "rest", "", null);
    Arbitrary<AuditEvent.AuditEventEntityComponent> entities = net.jqwik.api.Combinators.combine(references, codes)
        .as((reference, role) -> {
          AuditEvent.AuditEventEntityComponent entity = new AuditEvent.AuditEventEntityComponent();
          if (reference != null) {
            entity.setWhat(new Reference(reference));
          }
          if (role != null) {
            entity.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", role, null));
          }
          return entity;
        });
    Arbitrary<AuditEvent.AuditEventAgentComponent> agents = net.jqwik.api.Combinators.combine(references,
        Arbitraries.of(true, false), Arbitraries.of("demo-site-hr-1", "", null)).as((who, requestor, altId) -> {
          AuditEvent.AuditEventAgentComponent agent = new AuditEvent.AuditEventAgentComponent().setRequestor(requestor);
          if (who != null) {
            agent.setWho(new Reference(who));
          }
          if (altId != null) {
            agent.setAltId(altId);
          }
          return agent;
        });
    return net.jqwik.api.Combinators.combine(codes, codes.list().ofMaxSize(2), entities.list().ofMaxSize(5),
        agents.list().ofMaxSize(3), Arbitraries.of(AuditEvent.AuditEventOutcome.class).injectNull(0.2))
        .as((type, subtypes, entityList, agentList, outcome) -> {
          AuditEvent event = new AuditEvent();
          if (type != null) {
            event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", type, null));
          }
          subtypes.forEach(subtype -> event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", subtype, null)));
          entityList.forEach(event::addEntity);
          agentList.forEach(event::addAgent);
          if (outcome != null && outcome != AuditEvent.AuditEventOutcome.NULL) {
            event.setOutcome(outcome);
          }
          return event;
        });
  }

  /** The columns as first derived: from the event parsed into HAPI's model. */
  private static AuditColumns reference(AuditEvent written) {
    AuditEvent event = JSON.parseResource(AuditEvent.class, JSON.encodeResourceToString(written));
    String patient = null;
    List<String> named = new ArrayList<>();
    for (AuditEvent.AuditEventEntityComponent component : event.getEntity()) {
      IdType what = new IdType(component.getWhat().getReference());
      if (!what.hasResourceType() || !what.hasIdPart()) {
        continue;
      }
      if ("Patient".equals(what.getResourceType()) && "1".equals(component.getRole().getCode())) {
        patient = what.getIdPart();
      } else {
        named.add(what.getResourceType() + "/" + what.getIdPart());
      }
    }
    String consent = null;
    String last = named.isEmpty() ? null : named.get(named.size() - 1);
    if ("consent-decision".equals(event.getType().getCode()) && named.size() >= 2 && last.startsWith("Consent/")) {
      consent = last;
      named.remove(named.size() - 1);
    }
    AuditEvent.AuditEventAgentComponent agent = event.getAgent().stream()
        .filter(AuditEvent.AuditEventAgentComponent::getRequestor).findFirst().orElse(event.getAgentFirstRep());
    Reference who = agent.getWho();
    String organization = who.hasReference() && "Organization".equals(who.getReferenceElement().getResourceType())
        ? who.getReferenceElement().getIdPart() : null;
    return new AuditColumns(event.getType().getCode(), event.hasSubtype() ? event.getSubtypeFirstRep().getCode() : null,
        patient, organization, agent.getAltId(), consent, event.hasOutcome() ? event.getOutcome().toCode() : null,
        new ArrayList<>(new TreeSet<>(named)));
  }
}
