// Log search, shaped after IHE's RESTful ATNA queries: period, site, client, event type, outcome
// and consent; paged; each event shown proven by an inclusion proof checked here, or marked plainly.
import { h, replace, field, choice } from "../dom.js";
import { t } from "../i18n.js";
import { fhir } from "../fhir.js";
import { provePage } from "../integrity.js";
import { summary, sameEvent, EVENT_TYPES, PSEUDONYM_SYSTEM } from "../events.js";
import { verdictBadge } from "./verdicts.js";

const PAGE_SIZES = [20, 100, 500];

export function searchPage(root, state) {
  const results = h("section", { "aria-labelledby": "results-title", class: "results" });
  const form = h("form", { class: "search", role: "search", onsubmit: (event) => {
    event.preventDefault();
    const query = queryOf(new FormData(form));
    run(results, state, `AuditEvent?${query}`);
  } },
  h("fieldset", {}, h("legend", {}, t("search.legend")),
    h("div", { class: "grid" },
      field("from", t("search.from"), { type: "date" }),
      field("to", t("search.to"), { type: "date" }),
      field("site", t("search.site"), { type: "text", placeholder: "hr-1", autocomplete: "off" }),
      field("client", t("search.client"), { type: "text", autocomplete: "off" }),
      field("pseudonym", t("search.pseudonym"), { type: "text", autocomplete: "off", spellcheck: "false" }),
      choice("type", t("search.type"), [["", t("search.any")], ...EVENT_TYPES.map(([value, key]) => [value, t(key)])]),
      choice("outcome", t("search.outcome"), [["", t("search.any")], ["0", t("outcome.success")], ["4", t("outcome.failure")]]),
      choice("decision", t("search.decision"), [["", t("search.any")], ["permit", t("decision.permit")], ["deny", t("decision.deny")]]),
      field("consent", t("search.consent"), { type: "text", autocomplete: "off" }),
      choice("count", t("search.perPage"), PAGE_SIZES.map((size) => [String(size), String(size)]))),
    h("button", { type: "submit" }, t("search.submit"))));
  replace(root, h("h1", {}, t("search.title")), form, results);
}

function queryOf(data) {
  const query = new URLSearchParams({ _count: data.get("count") || String(PAGE_SIZES[0]) });
  if (data.get("from")) query.append("date", `ge${data.get("from")}`);
  if (data.get("to")) query.append("date", `le${data.get("to")}T23:59:59Z`);
  if (data.get("site")) query.append("agent", `Organization/${data.get("site").trim()}`);
  if (data.get("client")) query.append("patient", `Patient/${data.get("client").trim()}`);
  if (data.get("pseudonym")) query.append("patient.identifier", `${PSEUDONYM_SYSTEM}|${data.get("pseudonym").trim()}`);
  if (data.get("type")) query.append("type", data.get("type"));
  if (data.get("outcome")) query.append("outcome", data.get("outcome"));
  if (data.get("decision")) query.append("subtype", data.get("decision"));
  if (data.get("consent")) query.append("consent", `Consent/${data.get("consent").trim()}`);
  return query.toString();
}

async function run(results, state, path) {
  replace(results, h("p", { role: "status" }, t("search.searching")));
  let bundle;
  try {
    bundle = await fhir(path);
  } catch (error) {
    replace(results, h("p", { role: "alert", class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
    return;
  }
  const events = (bundle.entry || []).map((entry) => entry.resource);
  const checkpoint = state.log?.status === "verified" ? state.log.checkpoint : null;
  let rows;
  try {
    // A proven row shows the entry the log hashed, not what the search answered.
    rows = await provePage(events, checkpoint, sameEvent);
  } catch (error) {
    replace(results, h("p", { role: "alert", class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
    return;
  }
  const link = (relation) => (bundle.link || []).find((l) => l.relation === relation)?.url;
  const pager = h("nav", { "aria-label": t("search.pages"), class: "pager" },
    link("previous") && h("button", { type: "button", onclick: () => run(results, state, relative(link("previous"))) }, t("search.previous")),
    link("next") && h("button", { type: "button", onclick: () => run(results, state, relative(link("next"))) }, t("search.next")));
  const failed = rows.filter((row) => row.status === "failed").length;
  const unproven = rows.filter((row) => row.status === "pending" || row.status === "unchecked").length;
  replace(results,
    h("h2", { id: "results-title" }, t("search.results", { count: rows.length })),
    failed > 0 && h("p", { role: "alert", class: "alert", "data-verification": "failed" }, t("verify.pageFailed", { count: failed })),
    unproven > 0 && h("p", { class: "notice", role: "status" }, t("verify.pageUnproven", { count: unproven })),
    rows.length === 0 ? h("p", {}, t("search.none")) : table(rows, state),
    pager);
}

function relative(url) {
  const parsed = new URL(url, location.origin);
  const path = parsed.pathname.replace(/^.*?\/fhir\/?/, "");
  return `${path}${parsed.search}`;
}

function table(rows, state) {
  return h("table", { class: "events" },
    h("caption", { class: "visually-hidden" }, t("search.caption")),
    h("thead", {}, h("tr", {}, ["search.col.recorded", "search.col.type", "search.col.outcome", "search.col.agent",
      "search.col.client", "search.col.consent", "search.col.proof"].map((key) => h("th", { scope: "col" }, t(key))))),
    h("tbody", {}, rows.map(({ event, status }) => {
      const s = summary(event);
      return h("tr", { "data-event": event.id, "data-verification": status },
        h("td", {}, h("a", { href: `#/event/${encodeURIComponent(event.id)}` }, s.recorded)),
        h("td", {}, s.type, s.decision ? ` (${t(`decision.${s.decision}`)})` : s.action && ` · ${s.action}`),
        h("td", {}, s.outcome), h("td", {}, s.agent, s.application && s.application !== s.agent ? ` · ${s.application}` : ""),
        h("td", {}, s.patient), h("td", {}, s.consent), h("td", {}, verdictBadge(status)));
    })));
}
