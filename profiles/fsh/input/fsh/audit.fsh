Profile: PassageAuditEvent
Parent: AuditEvent
Id: passage-audit-event
Title: "Passage audit event"
Description: "One entry of the consent and disclosure log, shaped after the IHE Basic Audit Log Patterns (BALP): a RESTful read, query, create or update, a consent decision or a disclosure. It names who acted, for which purpose, on whose record, with what outcome, and carries no clinical payload."
* ^status = #draft
* type 1..1 MS
* type from https://passage-gateway.org/fhir/ValueSet/passage-audit-event-type (required)
* subtype MS
* subtype from https://passage-gateway.org/fhir/ValueSet/passage-audit-event-subtype (extensible)
* obeys passage-consent-decision-outcome
* action 1..1 MS
* recorded MS
* outcome 1..1 MS
* purposeOfEvent MS
* purposeOfEvent from $purpose-of-use-vs (extensible)
* agent 1..* MS
* agent.who 1..1
* agent.who only Reference(PassageSite or Device)
* agent.requestor MS
* source.observer MS
* entity MS
* entity.what MS
* entity.role MS
* entity.detail 0..0
* entity.detail ^comment = "No clinical payload: the event names the resources, never their content."
* entity.securityLabel MS

Invariant: passage-consent-decision-outcome
Description: "A consent decision says whether the disclosure was permitted or denied."
Expression: "type.where(code = 'consent-decision').exists() implies subtype.where(system = 'https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type' and (code = 'permit' or code = 'deny')).exists()"
Severity: #error
