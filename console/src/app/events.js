// What an AuditEvent says, in the shape the console shows it: names and references only (the
// log holds no clinical content, and the console shows none).
import { t } from "./i18n.js";

const TYPE_KEYS = {
  rest: "type.rest", 110112: "type.query", 110106: "type.export", 110114: "type.login",
  "consent-decision": "type.consentDecision", "client-registry-change": "type.registryChange",
  "pseudonym-derivation": "type.pseudonymDerivation", "indicator-evaluation": "type.indicatorEvaluation",
};

/** The system of the network pseudonyms clients are known by across sites. */
export const PSEUDONYM_SYSTEM = "https://passage-gateway.org/fhir/NamingSystem/client-pseudonym";

/** The event types an auditor can search for: [value for the type parameter, catalogue key]. */
export const EVENT_TYPES = [
  ["http://terminology.hl7.org/CodeSystem/audit-event-type|rest", "type.rest"],
  ["http://dicom.nema.org/resources/ontology/DCM|110112", "type.query"],
  ["http://dicom.nema.org/resources/ontology/DCM|110106", "type.export"],
  ["https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type|consent-decision", "type.consentDecision"],
  ["https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type|client-registry-change", "type.registryChange"],
  ["https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type|pseudonym-derivation", "type.pseudonymDerivation"],
  ["https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type|indicator-evaluation", "type.indicatorEvaluation"],
  ["http://dicom.nema.org/resources/ontology/DCM|110114", "type.login"],
];

export function summary(event) {
  const type = event.type?.code;
  const subtype = (event.subtype || []).map((coding) => coding.code);
  const requestor = (event.agent || []).find((agent) => agent.requestor) || event.agent?.[0];
  const destination = (event.agent || []).find((agent) => agent.type?.coding?.[0]?.code === "110152");
  const entities = event.entity || [];
  const patient = entities.find((entity) => entity.role?.code === "1")?.what?.reference || "";
  const consent = type === "consent-decision" ? entities[entities.length - 1] : null;
  const resources = entities.filter((entity) => entity !== consent && entity.role?.code !== "1");
  return {
    recorded: event.recorded || "",
    type: TYPE_KEYS[type] ? t(TYPE_KEYS[type]) : type || "",
    action: subtype.join(", "),
    decision: type === "consent-decision" ? (subtype.includes("permit") ? "permit" : "deny") : null,
    outcome: event.outcome === "0" ? t("outcome.success") : t("outcome.failure"),
    agent: who(requestor),
    application: requestor?.altId || "",
    destination: destination ? who(destination) : "",
    purpose: (event.purposeOfEvent || []).map((purpose) => purpose.coding?.[0]?.code).filter(Boolean).join(", "),
    patient,
    resources: resources.map((entity) => entity.what?.reference || entity.what?.identifier?.value || "").filter(Boolean),
    disclosed: [...new Set(resources.flatMap((entity) => (entity.securityLabel || []).map((label) => label.code)))],
    consent: consent?.what?.reference || "",
    withheld: (consent?.securityLabel || []).map((label) => label.code),
  };
}

function who(agent) {
  if (!agent?.who) return "";
  return agent.who.reference || agent.who.identifier?.value || agent.who.display || "";
}

/** Whether two AuditEvents say the same thing (what the console shows of them), whatever their encoding. */
export function sameEvent(a, b) {
  return JSON.stringify(summary(a)) === JSON.stringify(summary(b));
}
