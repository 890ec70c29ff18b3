// The console's figures in Debian's Chromium (run by bench/console.sh through ConsoleBenchmark,
// which sets the gateway up): PASSAGE_ROUNDS times, in a fresh browser context with an empty
// cache, (1) the console's first render after sign-in, from navigation to /console/ until the
// log's verdict is shown (the checkpoint fetched and its signature checked against the pinned
// key), with the sign-in session already open; (2) a verified search of 1,000 events: two pages
// of 500, from the click until every row of the page shows its proof's verdict; (3) the bytes the
// console transferred (compressed, as on the wire) on that first visit.
import { chromium } from "playwright-core";

const env = process.env;
const base = env.PASSAGE_BASE;
const rounds = Number(env.PASSAGE_ROUNDS || 5);
const browser = await chromium.launch({
  executablePath: env.PASSAGE_CHROMIUM || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync"],
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Sign in once (the second factor's code is used once); each round then opens a new context
// carrying that session's cookies and the pinned key, with nothing cached.
const first = await browser.newContext();
const page = await first.newPage();
page.setDefaultTimeout(600_000);
await page.goto(`${base}/console/`);
await page.waitForURL(/\/signin$/);
await page.getByLabel("Name").fill(env.PASSAGE_USER);
await page.getByLabel("Password").fill(env.PASSAGE_PASSWORD);
await page.getByLabel("Six-digit code from your authenticator app").fill(env.PASSAGE_CODE);
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/console\/(#.*)?$/, { timeout: 60_000 });
await page.locator("header [data-log]").waitFor({ timeout: 60_000 });
await page.goto(`${base}/console/#/integrity`);
await page.getByLabel("Verifier key (name+id+key)").fill(env.PASSAGE_PIN_KEY);
await page.getByRole("button", { name: "Pin key" }).click();
await page.locator("header [data-log='verified']").waitFor();
const state = await first.storageState();
await first.close();

const renders = [];
const searches = [];
const transfers = [];
for (let round = 0; round < rounds; round++) {
  const context = await browser.newContext({ storageState: state });
  const tab = await context.newPage();
  tab.setDefaultTimeout(600_000);
  const started = Date.now();
  await tab.goto(`${base}/console/`);
  await tab.locator("header [data-log='verified']").waitFor();
  renders.push(Date.now() - started);
  const bytes = await tab.evaluate(() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
    .filter((entry) => new URL(entry.name).pathname.startsWith("/console/"))
    .reduce((total, entry) => total + entry.transferSize, 0));
  transfers.push(bytes);

  await tab.getByLabel("Events per page").selectOption("500");
  let searchStarted = Date.now();
  await tab.getByRole("button", { name: "Search", exact: true }).click();
  await tab.locator("table.events tbody tr[data-verification]").nth(499).waitFor();
  let elapsed = Date.now() - searchStarted;
  const firstPage = await tab.locator("table.events tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.event));
  searchStarted = Date.now();
  await tab.getByRole("button", { name: "Next page" }).click();
  await tab.locator(`table.events tbody tr[data-event="${firstPage[0]}"]`).waitFor({ state: "detached" });
  await tab.locator("table.events tbody tr[data-verification]").nth(499).waitFor();
  elapsed += Date.now() - searchStarted;
  const verdicts = await tab.locator("table.events tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.verification));
  if (verdicts.length !== 500 || verdicts.some((verdict) => verdict !== "verified")) {
    throw new Error(`page two: ${verdicts.length} rows, not all verified`);
  }
  searches.push(elapsed);
  console.log(`round ${round + 1}: first render ${renders.at(-1)} ms, verified search of 1,000 events ${elapsed} ms,`
    + ` console transferred ${bytes} bytes`);
  await context.close();
}
console.log(`median of ${rounds}: first render ${median(renders)} ms, verified search of 1,000 events`
  + ` ${median(searches)} ms, console transferred ${median(transfers)} bytes`);
await browser.close();
