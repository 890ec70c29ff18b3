// One event, shown as the log stored and hashed it, with its inclusion proof checked here.
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { fhir } from "../fhir.js";
import { proveEvent } from "../integrity.js";
import { summary } from "../events.js";
import { verdictBadge } from "./verdicts.js";

export async function eventPage(root, state, id) {
  replace(root, h("h1", {}, t("event.title")), h("p", { role: "status" }, t("search.searching")));
  const checkpoint = state.log?.status === "verified" ? state.log.checkpoint : null;
  let shown;
  let status = "unchecked";
  let index = null;
  if (checkpoint) {
    const proof = await proveEvent(id, checkpoint);
    status = proof.status;
    index = proof.index;
    shown = proof.status === "verified" ? proof.entry : null;
  }
  if (!shown) shown = await fhir(`AuditEvent/${encodeURIComponent(id)}`);
  const s = summary(shown);
  const rows = [
    ["event.recorded", s.recorded], ["event.type", s.type], ["event.action", s.action], ["event.outcome", s.outcome],
    ["event.agent", s.agent], ["event.application", s.application], ["event.destination", s.destination],
    ["event.purpose", s.purpose], ["event.client", s.patient], ["event.resources", s.resources.join(", ")],
    ["event.disclosed", s.disclosed.join(", ")], ["event.consent", s.consent], ["event.withheld", s.withheld.join(", ")],
    ["event.position", index ?? ""],
  ].filter(([, value]) => value !== "" && value != null);
  replace(root, h("h1", {}, t("event.title")),
    h("p", { class: `verdict verdict-${status}`, role: status === "failed" ? "alert" : "status", "data-verification": status },
      verdictBadge(status), " ", t(`event.proof.${status}`, { size: checkpoint?.size ?? "" })),
    h("dl", { class: "event" }, rows.flatMap(([key, value]) => [h("dt", {}, t(key)), h("dd", {}, String(value))])),
    h("p", {}, h("a", { href: "#/search" }, t("event.back"))));
}
