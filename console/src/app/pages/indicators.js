// Indicators: the MeasureReports auditors evaluated, as tables and bar charts by stratum (sex,
// age band, site, service, period). A withheld (suppressed) count is shown as withheld, with its
// reason, never as zero and never as a bar.
import { h, replace, choice, field } from "../dom.js";
import { t } from "../i18n.js";
import { fhir } from "../fhir.js";

const SUPPRESSED = "https://passage-gateway.org/fhir/StructureDefinition/passage-suppressed";
const MEASURES = ["passage-referral-outcomes", "passage-time-to-acceptance", "passage-time-to-completion",
  "passage-pmtct", "passage-release-linkage"];
const SVG = "http://www.w3.org/2000/svg";

export async function indicatorsPage(root) {
  const report = h("section", { class: "report", "aria-live": "polite" });
  const list = h("section", {});
  const form = h("form", { class: "search", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    replace(report, h("p", { role: "status" }, t("indicators.evaluating")));
    try {
      const query = new URLSearchParams({ periodStart: data.get("start"), periodEnd: data.get("end") });
      show(report, await fhir(`Measure/${encodeURIComponent(data.get("measure"))}/$evaluate-measure?${query}`));
      await refresh(list, report);
    } catch (error) {
      replace(report, h("p", { role: "alert", class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
    }
  } }, h("fieldset", {}, h("legend", {}, t("indicators.evaluate")),
    h("div", { class: "grid" },
      choice("measure", t("indicators.measure"), MEASURES.map((id) => [id, t(`measure.${id}`)])),
      field("start", t("indicators.start"), { type: "date", required: true }),
      field("end", t("indicators.end"), { type: "date", required: true })),
    h("p", { class: "hint" }, t("indicators.releaseNote")),
    h("button", { type: "submit" }, t("indicators.evaluateSubmit"))));
  replace(root, h("h1", {}, t("indicators.title")), list, form, report);
  await refresh(list, report);
}

async function refresh(list, report) {
  const bundle = await fhir("MeasureReport?_count=50&_sort=-date");
  const reports = (bundle.entry || []).map((entry) => entry.resource);
  replace(list, h("h2", {}, t("indicators.released")), reports.length === 0 ? h("p", {}, t("indicators.none"))
    : h("ul", { class: "reports" }, reports.map((r) => h("li", {}, h("button", { type: "button", class: "link",
      onclick: () => show(report, r) }, `${measureName(r.measure)} · ${r.period?.start} – ${r.period?.end}`)))));
}

function measureName(canonical) {
  const id = String(canonical || "").split("/").pop();
  return t(`measure.${id}`);
}

export function suppression(element) {
  return (element?.extension || []).find((extension) => extension.url === SUPPRESSED)?.valueCode || null;
}

function countCell(population) {
  const reason = suppression(population);
  if (reason) return h("td", { class: "suppressed", "data-suppressed": reason }, t("indicators.suppressed", { reason: t(`suppressed.${reason}`) }));
  return h("td", { class: "count" }, population?.count ?? "");
}

function label(concept) {
  return concept?.text || concept?.coding?.[0]?.display || concept?.coding?.[0]?.code || "";
}

function stratumLabel(stratum) {
  if (stratum.value) return label(stratum.value);
  return (stratum.component || []).map((component) => `${label(component.code)} ${label(component.value)}`).join(", ");
}

function show(section, report) {
  replace(section,
    h("h2", {}, `${measureName(report.measure)} · ${report.period?.start} – ${report.period?.end}`),
    (report.group || []).map((group) => h("section", { class: "group" },
      h("h3", {}, label(group.code)),
      h("table", {}, h("caption", {}, t("indicators.totals")),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("indicators.population")), h("th", { scope: "col" }, t("indicators.count")))),
        h("tbody", {}, (group.population || []).map((population) => h("tr", {},
          h("th", { scope: "row" }, label(population.code)), countCell(population))))),
      group.measureScore && h("p", {}, t("indicators.score", { value: group.measureScore.value, unit: group.measureScore.unit || "" })),
      // A stratifier with no stratum (nothing counted in the period) is left out.
      (group.stratifier || []).filter((stratifier) => (stratifier.stratum || []).length > 0)
        .map((stratifier) => strata(stratifier, group)))));
}

function strata(stratifier, group) {
  const populations = (group.population || []).map((population) => label(population.code));
  const rows = stratifier.stratum || [];
  const first = (stratum) => (stratum.population || [])[0];
  const max = Math.max(1, ...rows.map((stratum) => (suppression(first(stratum)) ? 0 : first(stratum)?.count || 0)));
  return h("figure", { class: "stratifier" },
    h("figcaption", {}, t("indicators.by", { stratifier: (stratifier.code || []).map(label).join(", ") })),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("indicators.stratum")),
        populations.map((name) => h("th", { scope: "col" }, name)), h("th", { scope: "col" }, t("indicators.chart")))),
      h("tbody", {}, rows.map((stratum) => h("tr", { "data-suppressed": suppression(stratum) || false },
        h("th", { scope: "row" }, stratumLabel(stratum)),
        (stratum.population || []).map(countCell),
        h("td", {}, bar(first(stratum), max)))))));
}

/** A bar for a released count; none for a withheld one (its cell says why). */
function bar(population, max) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "160");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  if (!suppression(population) && population?.count != null) {
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("width", String(Math.round((population.count / max) * 160)));
    rect.setAttribute("height", "14");
    rect.setAttribute("class", "bar");
    svg.append(rect);
  }
  return svg;
}
