// The console's verifier run where it will run: in Debian's Chromium (headless, driven by
// playwright-core; no browser download), on the same vectors as the Node tests and the Java
// verifier. The page and modules are served from this folder by the test itself; the browser's own
// Web Crypto (SHA-256, Ed25519) does the work. Fails, never skips, without /usr/bin/chromium
// (.ci/run installs Debian's chromium package).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
// localhost: a secure context, where the browser offers Web Crypto (the page is served by the test, not a server).
const ORIGIN = "http://localhost";
const files = {
  "/verify/merkle.js": new URL("../src/verify/merkle.js", import.meta.url),
  "/verify/notes.js": new URL("../src/verify/notes.js", import.meta.url),
  "/verify/monitor.js": new URL("../src/verify/monitor.js", import.meta.url),
  "/vectors.json": new URL("../../gateway/src/test/resources/audit/verification-vectors.json", import.meta.url),
};

// Runs in the page: every vector through the verifier; answers the vectors whose verdict differs.
const PAGE = `<!doctype html><meta charset="utf-8"><title>verifier vectors</title><script type="module">
import { verifyInclusion, verifyConsistency } from "/verify/merkle.js";
import { parseVerifierKey, verifyNote } from "/verify/notes.js";
const hex = (t) => Uint8Array.from(t.match(/../g) ?? [], (p) => parseInt(p, 16));
window.runVectors = async () => {
  const v = await (await fetch("/vectors.json")).json();
  const wrong = [];
  let checked = 0;
  for (const x of v.inclusion) {
    checked++;
    if (await verifyInclusion(x.index, x.size, hex(x.leafHash), x.proof.map(hex), hex(x.root)) !== x.valid) wrong.push("inclusion " + x.what);
  }
  for (const x of v.consistency) {
    checked++;
    if (await verifyConsistency(x.first, x.second, hex(x.firstRoot), hex(x.secondRoot), x.proof.map(hex)) !== x.valid) wrong.push("consistency " + x.what);
  }
  const keys = [await parseVerifierKey(v.checkpoints.verifierKey)];
  for (const x of v.checkpoints.notes) {
    checked++;
    if ((await verifyNote(x.note, keys) !== null) !== x.valid) wrong.push("note " + x.what);
  }
  return { checked, wrong };
};
</script>`;

test("when the verifier runs in Chromium on the Java verifier's vectors then every verdict is the same", async () => {
  assert.ok(existsSync(CHROMIUM), "Debian's chromium is needed at /usr/bin/chromium (apt-get install chromium)");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === "/") {
        return route.fulfill({ contentType: "text/html", body: PAGE });
      }
      const file = files[path];
      if (!file) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ contentType: path.endsWith(".json") ? "application/json" : "text/javascript",
        body: readFileSync(file, "utf8") });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => typeof window.runVectors === "function");
    const result = await page.evaluate(() => window.runVectors());
    const vectors = JSON.parse(readFileSync(files["/vectors.json"], "utf8"));
    assert.equal(result.checked, vectors.inclusion.length + vectors.consistency.length + vectors.checkpoints.notes.length);
    assert.deepEqual(result.wrong, []);
  } finally {
    await browser.close();
  }
});
