// The auditors' console: signs its user in, checks the log's integrity on every visit, and routes
// between its pages (#/search, #/event/<id>, #/accounting, #/integrity, #/admin).
import "./console.css";
import { h, replace } from "./dom.js";
import { loadCatalogue, t } from "./i18n.js";
import { accessToken, completeSignIn, person, signIn } from "./auth.js";
import { checkLog } from "./integrity.js";
import { searchPage } from "./pages/search.js";
import { eventPage } from "./pages/event.js";
import { accountingPage } from "./pages/accounting.js";
import { integrityPage } from "./pages/integrity.js";
import { adminPage } from "./pages/admin.js";
import { indicatorsPage } from "./pages/indicators.js";
import { logVerdict } from "./pages/verdicts-log.js";

const state = { log: null };
const main = document.getElementById("main");
const banner = document.getElementById("banner");

async function recheck() {
  try {
    state.log = await checkLog();
  } catch {
    state.log = { status: "error" };
  }
  await route();
}

function header() {
  const who = person();
  const links = [["#/search", "nav.search"], ["#/accounting", "nav.accounting"], ["#/integrity", "nav.integrity"]];
  if (who?.role === "auditor") links.push(["#/indicators", "nav.indicators"]);
  if (who?.role === "admin") links.push(["#/admin", "nav.admin"]);
  replace(banner,
    h("p", { class: "brand" }, t("app.title")),
    h("nav", { "aria-label": t("nav.label") }, h("ul", {}, links.map(([href, key]) =>
      h("li", {}, h("a", { href, "aria-current": location.hash.startsWith(href) ? "page" : false }, t(key)))))),
    who && h("p", { class: "who" }, t("nav.signedInAs", { name: who.name, role: t(`role.${who.role}`) }), " ",
      h("a", { href: "/signout" }, t("nav.signOut"))),
    logVerdict(state.log));
}

async function route() {
  header();
  const [, page, id] = location.hash.match(/^#\/([a-z]+)(?:\/(.+))?/) || [];
  try {
    switch (page) {
      case "event": await eventPage(main, state, decodeURIComponent(id || "")); break;
      case "accounting": accountingPage(main, state); break;
      case "integrity": integrityPage(main, state, recheck); break;
      case "admin": await adminPage(main, state); break;
      case "indicators": await indicatorsPage(main, state); break;
      default: searchPage(main, state);
    }
  } catch (error) {
    replace(main, h("p", { role: "alert", class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
  }
  document.title = `${main.querySelector("h1")?.textContent || ""} – ${t("app.title")}`;
  main.focus({ preventScroll: true });
}

async function start() {
  await loadCatalogue();
  try {
    await completeSignIn();
  } catch {
    replace(main, h("p", { role: "alert", class: "alert" }, t("signin.broken")),
      h("p", {}, h("a", { href: "/console/" }, t("signin.again"))));
    return;
  }
  if (!accessToken()) {
    await signIn();
    return;
  }
  window.addEventListener("hashchange", route);
  await recheck();
}

start();
