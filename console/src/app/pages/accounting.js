// A client's accounting of disclosures: every consent decision about her data in the log, to
// whom, which categories, when, under which consent, and what was withheld. Printable (a print
// stylesheet) and exportable as CSV.
import { h, replace, field } from "../dom.js";
import { t } from "../i18n.js";
import { fhir } from "../fhir.js";
import { summary, sameEvent, PSEUDONYM_SYSTEM } from "../events.js";
import { provePage } from "../integrity.js";
import { verdictBadge } from "./verdicts.js";

const DECISIONS = "https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type|consent-decision";
const COLUMNS = ["accounting.col.when", "accounting.col.decision", "accounting.col.to", "accounting.col.application",
  "accounting.col.purpose", "accounting.col.resource", "accounting.col.disclosed", "accounting.col.consent",
  "accounting.col.withheld", "accounting.col.proof"];

export function accountingPage(root, state) {
  const output = h("section", { class: "accounting", "aria-live": "polite" });
  const form = h("form", { class: "search", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const pseudonym = data.get("pseudonym").trim();
    const client = pseudonym ? { pseudonym } : { record: data.get("client").trim() };
    if (client.pseudonym || client.record) {
      await show(output, client, state.log?.status === "verified" ? state.log.checkpoint : null);
    }
  } }, h("div", { class: "grid" },
    field("pseudonym", t("accounting.pseudonym"), { type: "text", autocomplete: "off", spellcheck: "false" }),
    field("client", t("accounting.client"), { type: "text", autocomplete: "off" })),
  h("button", { type: "submit" }, t("accounting.submit")));
  replace(root, h("h1", {}, t("accounting.title")), h("p", { class: "no-print" }, t("accounting.intro")), form, output);
}

/**
 * Every decision about the client's data ({pseudonym}: every record of hers that carries her
 * network pseudonym, or {record}: one Patient id of the log), oldest first, all pages, each proven in the log's
 * verified checkpoint (a row that is not says so, in the table and in the CSV).
 */
export async function decisionsAbout(client, checkpoint) {
  const rows = [];
  const who = client.pseudonym ? `patient.identifier=${encodeURIComponent(`${PSEUDONYM_SYSTEM}|${client.pseudonym}`)}`
    : `patient=Patient/${encodeURIComponent(client.record)}`;
  let path = `AuditEvent?${who}&type=${encodeURIComponent(DECISIONS)}&_count=100`;
  while (path) {
    const bundle = await fhir(path);
    const proven = await provePage((bundle.entry || []).map((entry) => entry.resource), checkpoint, sameEvent);
    for (const { event, status } of proven) rows.push({ ...summary(event), verification: status });
    const next = (bundle.link || []).find((link) => link.relation === "next")?.url;
    path = next ? relative(next) : null;
  }
  return rows.sort((a, b) => a.recorded.localeCompare(b.recorded));
}

async function show(output, client, checkpoint) {
  const name = client.pseudonym || client.record;
  replace(output, h("p", { role: "status" }, t("search.searching")));
  let rows;
  try {
    rows = await decisionsAbout(client, checkpoint);
  } catch (error) {
    replace(output, h("p", { role: "alert", class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
    return;
  }
  const cells = rows.map((row) => [row.recorded, t(`decision.${row.decision}`), row.destination || row.agent,
    row.application, row.purpose, row.resources.join(" "), row.disclosed.join(" "), row.consent, row.withheld.join(" "),
    t(`verify.${row.verification}`)]);
  const unproven = rows.filter((row) => row.verification !== "verified").length;
  const csv = () => {
    const lines = [COLUMNS.map((key) => t(key)), ...cells].map((line) => line.map(csvCell).join(","));
    const blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `disclosures-${name}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
  };
  replace(output,
    h("h2", {}, t("accounting.for", { client: name })),
    h("p", {}, t("accounting.count", { permits: rows.filter((r) => r.decision === "permit").length,
      denies: rows.filter((r) => r.decision === "deny").length })),
    unproven > 0 && h("p", { role: "alert", class: "alert", "data-verification": "unproven" },
      t("accounting.unproven", { count: unproven })),
    h("div", { class: "actions no-print" },
      h("button", { type: "button", onclick: () => window.print() }, t("accounting.print")),
      h("button", { type: "button", onclick: csv }, t("accounting.csv"))),
    h("table", { class: "accounting-table" },
      h("caption", { class: "visually-hidden" }, t("accounting.for", { client: name })),
      h("thead", {}, h("tr", {}, COLUMNS.map((key) => h("th", { scope: "col" }, t(key))))),
      h("tbody", {}, cells.map((line, i) => h("tr", { "data-decision": rows[i].decision, "data-verification": rows[i].verification },
        line.slice(0, -1).map((cell) => h("td", {}, cell)), h("td", {}, verdictBadge(rows[i].verification)))))));
}

/** A CSV cell (RFC 4180), with a leading formula character neutralised for spreadsheets. */
export function csvCell(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function relative(url) {
  const parsed = new URL(url, location.origin);
  return `${parsed.pathname.replace(/^.*?\/fhir\/?/, "")}${parsed.search}`;
}
