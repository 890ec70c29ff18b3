// Every text is in the one catalogue a network translates: each key the console's code names
// (t("...")) and each key the gateway's sign-in pages name (t.get("...")) is in en.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const catalogue = JSON.parse(readFileSync(new URL("../public/i18n/en.json", import.meta.url)));

function files(folder, ending) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path, ending) : path.endsWith(ending) ? [path] : [];
  });
}

function keysNamed(paths, pattern) {
  return paths.flatMap((path) => [...readFileSync(path, "utf8").matchAll(pattern)].map((match) => [path, match[1]]));
}

test("every key the console names is in the catalogue", () => {
  const named = keysNamed(files(new URL("../src", import.meta.url).pathname, ".js"), /\bt\("([A-Za-z0-9_.-]+)"/g);
  assert.ok(named.length > 100, "the scan found the console's texts");
  const missing = named.filter(([, key]) => !(key in catalogue));
  assert.deepEqual(missing, []);
});

test("every key the gateway's sign-in pages name is in the catalogue", () => {
  const signin = new URL("../../gateway/src/main/java/org/passagegateway/gateway/signin", import.meta.url).pathname;
  const named = keysNamed(files(signin, ".java"), /\.get\("([a-z]+\.[A-Za-z0-9_.-]+)"\)/g);
  assert.ok(named.length > 10, "the scan found the sign-in pages' texts");
  const missing = named.filter(([, key]) => !(key in catalogue));
  assert.deepEqual(missing, []);
});
