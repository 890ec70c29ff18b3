// The console in Debian's Chromium, driven by playwright-core: one scenario per run, its
// observations printed as JSON for the Java test that set the gateway up and checks them, and a
// screenshot of each page it reached (test artefacts). No sleeps: every wait is for an element.
//
//   node e2e/console.mjs SCENARIO   with, in the environment: PASSAGE_BASE (the gateway, at
//   http://127.0.0.1:PORT so that Web Crypto has a secure context), PASSAGE_USER, PASSAGE_PASSWORD,
//   PASSAGE_CODE, PASSAGE_PIN_KEY (a verifier key to pin, optional), PASSAGE_PROFILE (a browser
//   profile folder: localStorage survives between runs that share it), PASSAGE_SCREENSHOTS (folder),
//   and per scenario PASSAGE_EVENT, PASSAGE_CLIENT, PASSAGE_SITE_TOKEN.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const env = process.env;
const base = env.PASSAGE_BASE;
const scenario = process.argv[2];
const shots = env.PASSAGE_SCREENSHOTS;
mkdirSync(shots, { recursive: true });

const context = await chromium.launchPersistentContext(env.PASSAGE_PROFILE, {
  executablePath: env.PASSAGE_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
  locale: "en-GB",
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(60_000);
const observed = {};

async function shot(name) {
  await page.screenshot({ path: join(shots, `${scenario}-${name}.png`), fullPage: true });
}

async function signInForm(code) {
  await page.goto(`${base}/console/`);
  // The sign-in form, unless the browser still has a sign-in session (then the console opens at once).
  const where = await Promise.race([
    page.waitForURL(/\/signin$/).then(() => "form", () => "none"),
    page.locator("header [data-log]").waitFor().then(() => "console", () => "none")]);
  if (where !== "form") return;
  await page.getByLabel("Name").fill(env.PASSAGE_USER);
  await page.getByLabel("Password").fill(env.PASSAGE_PASSWORD);
  await page.getByLabel("Six-digit code from your authenticator app").fill(code);
  await shot("signin");
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signIn() {
  await signInForm(env.PASSAGE_CODE);
  await page.waitForURL(/\/console\/(#.*)?$/);
  await page.locator("header [data-log]").waitFor();
  if (env.PASSAGE_PIN_KEY) {
    await page.goto(`${base}/console/#/integrity`);
    await page.getByLabel("Verifier key (name+id+key)").fill(env.PASSAGE_PIN_KEY);
    await page.getByRole("button", { name: "Pin key" }).click();
    await page.locator("header [data-log]:not([data-log='no-keys']):not([data-log='unchecked'])").waitFor();
  }
  observed.log = await page.locator("header [data-log]").getAttribute("data-log");
  observed.logText = await page.locator("header [data-log]").textContent();
  observed.who = await page.locator(".who").textContent();
}

// axe-core (pinned in package-lock.json), evaluated in the page through the browser's debugging
// protocol (the console's Content-Security-Policy allows no injected script, and is not relaxed).
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function accessibility() {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
}

async function axeFreeChecks() {
  // What a screen reader needs: every input and select has a label, the page has one h1 and a
  // lang; and axe-core's WCAG 2.2 A and AA rules (contrast included) find nothing.
  observed.unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => el.type !== "hidden" && !(el.id && document.querySelector(`label[for="${el.id}"]`))).length);
  observed.h1 = await page.locator("h1").count();
  observed.lang = await page.evaluate(() => document.documentElement.lang);
  observed.axe = await accessibility();
}

try {
  switch (scenario) {
    case "signin": {
      await signIn();
      await shot("search");
      await axeFreeChecks();
      break;
    }
    case "wrong-factor": {
      await signInForm(env.PASSAGE_CODE);
      await page.locator("#signin-error").waitFor();
      observed.url = page.url();
      observed.alert = await page.locator("#signin-error").textContent();
      await shot("refused");
      break;
    }
    case "search": {
      await signIn();
      await page.goto(`${base}/console/#/search`);
      if (env.PASSAGE_CLIENT) await page.getByLabel("Client (Patient id in the log)").fill(env.PASSAGE_CLIENT);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.locator("table.events tbody tr").first().waitFor();
      observed.rows = await page.locator("table.events tbody tr").evaluateAll((rows) =>
        rows.map((row) => ({ id: row.dataset.event, verification: row.dataset.verification,
          cells: [...row.cells].map((cell) => cell.textContent) })));
      await axeFreeChecks();
      await shot("results");
      await page.locator("table.events tbody tr a").first().click();
      await page.locator("main p.verdict[data-verification]").waitFor();
      observed.detail = await page.locator("main p.verdict[data-verification]").getAttribute("data-verification");
      await shot("event");
      break;
    }
    case "event": {
      await signIn();
      await page.goto(`${base}/console/#/event/${encodeURIComponent(env.PASSAGE_EVENT)}`);
      await page.locator("main p.verdict[data-verification]").waitFor();
      observed.detail = await page.locator("main p.verdict[data-verification]").getAttribute("data-verification");
      observed.detailText = await page.locator("main p.verdict[data-verification]").textContent();
      await shot("event");
      break;
    }
    case "accounting": {
      await signIn();
      await page.goto(`${base}/console/#/accounting`);
      if (env.PASSAGE_PSEUDONYM) await page.getByLabel("Her network pseudonym").fill(env.PASSAGE_PSEUDONYM);
      else await page.getByLabel("or one record’s Patient id in the log").fill(env.PASSAGE_CLIENT);
      await page.getByRole("button", { name: "Show" }).click();
      await page.locator("table.accounting-table").waitFor();
      observed.rows = await page.locator("table.accounting-table tbody tr").evaluateAll((rows) =>
        rows.map((row) => ({ decision: row.dataset.decision, verification: row.dataset.verification,
          cells: [...row.cells].map((cell) => cell.textContent) })));
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download CSV" }).click();
      const file = await download;
      observed.csvName = file.suggestedFilename();
      await axeFreeChecks();
      await shot("accounting");
      await page.emulateMedia({ media: "print" });
      await shot("accounting-print");
      break;
    }
    case "visit": {
      await signIn();
      await shot("integrity");
      break;
    }
    case "site-token": {
      await signIn();
      // Every call the console makes to the FHIR API carries a site's token instead of its own.
      await page.route("**/fhir/**", (route) => route.continue({
        headers: { ...route.request().headers(), authorization: `Bearer ${env.PASSAGE_SITE_TOKEN}` } }));
      await page.goto(`${base}/console/#/search`);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.locator("main .alert").waitFor();
      observed.alert = await page.locator("main .alert").textContent();
      observed.rows = await page.locator("table.events tbody tr").count();
      await shot("refused");
      break;
    }
    case "indicators": {
      await signIn();
      await page.goto(`${base}/console/#/indicators`);
      await page.getByLabel("Indicator").selectOption(env.PASSAGE_MEASURE);
      await page.getByLabel("Period start (first day)").fill(env.PASSAGE_PERIOD_START);
      await page.getByLabel("Period end (last day)").fill(env.PASSAGE_PERIOD_END);
      await page.getByRole("button", { name: "Evaluate", exact: true }).click();
      await page.locator("section.report h2").waitFor();
      observed.withheld = await page.locator("section.report td[data-suppressed]").evaluateAll((cells) =>
        cells.map((cell) => ({ reason: cell.dataset.suppressed, text: cell.textContent })));
      observed.counts = await page.locator("section.report td.count").evaluateAll((cells) => cells.map((cell) => cell.textContent));
      observed.bars = await page.locator("section.report svg rect.bar").count();
      await axeFreeChecks();
      await shot("report");
      break;
    }
    case "admin": {
      await signIn();
      await page.goto(`${base}/console/#/admin`);
      await page.locator("table.clients tbody tr").first().waitFor();
      await page.locator("ul.keys li").first().waitFor();
      observed.clients = await page.locator("table.clients tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.client));
      observed.keys = await page.locator("ul.keys li code").allTextContents();
      await page.getByLabel("Client id").fill(env.PASSAGE_NEW_CLIENT);
      await page.getByLabel("Role of the application").selectOption("site");
      await page.getByLabel("Organization id (sites only)").fill("tb-1");
      await page.getByLabel("Scopes (SMART system scopes)").fill("system/Task.rs");
      await page.getByLabel("Public keys", { exact: false }).fill(env.PASSAGE_NEW_JWKS);
      await page.getByRole("button", { name: "Register", exact: true }).click();
      const row = page.locator(`table.clients tbody tr[data-client="${env.PASSAGE_NEW_CLIENT}"]`);
      await row.waitFor();
      await row.getByRole("button", { name: "Disable" }).click();
      await page.locator(`table.clients tbody tr[data-client="${env.PASSAGE_NEW_CLIENT}"] td:nth-child(6)`, { hasText: "disabled" }).waitFor();
      observed.newClientState = await page.locator(`table.clients tbody tr[data-client="${env.PASSAGE_NEW_CLIENT}"] td:nth-child(6)`).textContent();
      await axeFreeChecks();
      await shot("admin");
      break;
    }
    default:
      throw new Error(`no scenario ${scenario}`);
  }
  process.stdout.write(JSON.stringify(observed) + "\n");
} finally {
  await context.close();
}
