package org.passagegateway.gateway.audit;

import org.passagegateway.gateway.security.Caller;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Shapes {@link AuditRecord}s as AuditEvents after the IHE Basic Audit Log Patterns, conforming
 * to Passage's audit event profile: a RESTful interaction (type {@code rest}, subtype the FHIR
 * interaction), a query (DICOM {@code Query}), an export, or a consent decision (Passage's type,
 * subtype permit or deny); the requesting site as the requestor agent, the client application as
 * its alternative id, the purpose of use on both; for a decision about disclosing to another site
 * (a referral's owner, a subscriber), that site as a second, destination agent; the client (Patient, role Patient), the
 * resources (role Domain Resource; for a consent decision the categories disclosed of each as its security
 * labels: one decision event names every resource of the client that one consent decided alike for the
 * request) and, last, the consent that decided (the categories withheld as its security labels) as
 * entities. No entity carries a detail: the log holds no clinical payload.
 */
public final class BalpEvents {

  static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
  static final String PASSAGE_AUDIT = PassageTerminology.CANONICAL_BASE + "/CodeSystem/passage-audit-event-type";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
  static final String CLIENT_ID_SYSTEM = PassageTerminology.CANONICAL_BASE + "/sid/client";
  /** The names of the accounts of people who sign in at the gateway (auditors, admins). */
  static final String PERSON_SYSTEM = PassageTerminology.CANONICAL_BASE + "/sid/person";
  static final String SECURITY_ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";

  private BalpEvents() {}

  public static AuditEvent toAuditEvent(AuditRecord record) {
    AuditEvent event = new AuditEvent();
    event.getMeta().addProfile(PassageTerminology.CANONICAL_BASE + "/StructureDefinition/passage-audit-event");
    event.setRecorded(Date.from(record.recorded()));
    typeAndAction(event, record);
    boolean decision = record.kind() == AuditRecord.Kind.CONSENT_DECISION;
    event.setOutcome(decision || record.permitted() ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4);
    if (record.purposeOfUse() != null) {
      event.addPurposeOfEvent(purpose(record.purposeOfUse()));
    }
    boolean person = Caller.isPersonAgent(record.clientId());
    AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true)
        .setType(person ? new CodeableConcept(new Coding(SECURITY_ROLE_TYPE, "humanuser", "human user"))
            : new CodeableConcept(new Coding(DCM, "110150", "Application")));
    agent.setAltId(record.clientId());
    agent.setWho(record.organizationId() != null ? new Reference("Organization/" + record.organizationId())
        : new Reference().setIdentifier(agentIdentifier(record.clientId())));
    if (record.purposeOfUse() != null) {
      agent.addPurposeOfUse(purpose(record.purposeOfUse()));
    }
    if (record.recipient() != null && !record.recipient().equals(record.organizationId())) {
      // The site the decision was about disclosing to, when it is not the one that asked.
      event.addAgent().setRequestor(false).setType(new CodeableConcept(new Coding(DCM, "110152", "Destination Role ID")))
          .setWho(new Reference("Organization/" + record.recipient()));
    }
    event.getSource().setObserver(new Reference().setDisplay("Passage gateway"))
        .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
    if (record.patientId() != null) {
      event.addEntity().setWhat(new Reference("Patient/" + record.patientId()))
          .setType(new Coding(ENTITY_TYPE, "1", "Person")).setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
    }
    for (AuditRecord.Subject subject : record.resources()) {
      if (record.kind() == AuditRecord.Kind.REGISTRY_CHANGE) {
        event.addEntity().setWhat(new Reference().setIdentifier(agentIdentifier(subject.reference())))
            .setType(new Coding(ENTITY_TYPE, "2", "System Object")).setRole(new Coding(OBJECT_ROLE, "13", "Security Resource"));
        continue;
      }
      AuditEvent.AuditEventEntityComponent resource = event.addEntity().setWhat(new Reference(subject.reference()))
          .setType(new Coding(ENTITY_TYPE, "2", "System Object")).setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
      subject.disclosed().stream().sorted().forEach(category -> resource.addSecurityLabel(label(category)));
    }
    if (record.consent() != null) {
      // Always the last entity, after at least one resource: how AuditColumns tells it from a Consent decided about.
      AuditEvent.AuditEventEntityComponent consent = event.addEntity().setWhat(new Reference(record.consent()))
          .setType(new Coding(ENTITY_TYPE, "2", "System Object")).setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
      record.categories().stream().sorted().forEach(category -> consent.addSecurityLabel(label(category)));
    }
    return event;
  }

  /** A registered client by its client id, a person who signs in by her account's name. */
  private static Identifier agentIdentifier(String agent) {
    return Caller.isPersonAgent(agent)
        ? new Identifier().setSystem(PERSON_SYSTEM).setValue(agent.substring(Caller.PERSON_PREFIX.length()))
        : new Identifier().setSystem(CLIENT_ID_SYSTEM).setValue(agent);
  }

  private static void typeAndAction(AuditEvent event, AuditRecord record) {
    switch (record.kind()) {
      case READ -> rest(event, "read", AuditEvent.AuditEventAction.R);
      case CREATE -> rest(event, "create", AuditEvent.AuditEventAction.C);
      case UPDATE -> rest(event, "update", AuditEvent.AuditEventAction.U);
      case SEARCH -> {
        event.setType(new Coding(DCM, "110112", "Query"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, "search-type", "search type"));
        event.setAction(AuditEvent.AuditEventAction.E);
      }
      case EXPORT -> {
        event.setType(new Coding(DCM, "110106", "Export"));
        event.setAction(AuditEvent.AuditEventAction.R);
      }
      case CONSENT_DECISION -> {
        event.setType(new Coding(PASSAGE_AUDIT, "consent-decision", "Consent decision"));
        event.addSubtype(record.permitted() ? new Coding(PASSAGE_AUDIT, "permit", "Disclosure permitted")
            : new Coding(PASSAGE_AUDIT, "deny", "Disclosure denied"));
        event.setAction(AuditEvent.AuditEventAction.E);
      }
      case REGISTRY_CHANGE -> {
        event.setType(new Coding(PASSAGE_AUDIT, "client-registry-change", "Client registry change"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, "update", null));
        event.setAction(AuditEvent.AuditEventAction.U);
      }
      case INDICATOR_EVALUATION -> {
        event.setType(new Coding(PASSAGE_AUDIT, "indicator-evaluation", "Indicator evaluation"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, "operation", null));
        event.setAction(AuditEvent.AuditEventAction.E);
      }
      case PSEUDONYM_DERIVATION -> {
        event.setType(new Coding(PASSAGE_AUDIT, "pseudonym-derivation", "Pseudonym derivation"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, "operation", null));
        event.setAction(AuditEvent.AuditEventAction.E);
      }
      case SIGN_IN -> {
        // BALP's Login pattern: DICOM User Authentication, subtype Login.
        event.setType(new Coding(DCM, "110114", "User Authentication"));
        event.addSubtype(new Coding(DCM, "110122", "Login"));
        event.setAction(AuditEvent.AuditEventAction.E);
      }
      default -> throw new IllegalStateException("unknown audit record kind " + record.kind());
    }
  }

  private static void rest(AuditEvent event, String interaction, AuditEvent.AuditEventAction action) {
    event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
    event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction, null));
    event.setAction(action);
  }

  /** A data category as the security label that names it. */
  private static Coding label(String category) {
    return new Coding("SOC".equals(category) ? PassageTerminology.SENSITIVITY : PassageTerminology.V3_ACT_CODE, category, null);
  }

  private static CodeableConcept purpose(String code) {
    return new CodeableConcept(new Coding(PassageTerminology.V3_ACT_REASON, code, null));
  }
}
