// The console's verifier against the vectors the gateway's Java verifier made
// (gateway/src/test/resources/audit/verification-vectors.json): the same verdict on every one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { leafHash, verifyConsistency, verifyInclusion } from "../src/verify/merkle.js";
import { parseCheckpoint, parseVerifierKey, verifyNote } from "../src/verify/notes.js";

const vectors = JSON.parse(readFileSync(new URL("../../gateway/src/test/resources/audit/verification-vectors.json",
  import.meta.url), "utf8"));
const hex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

test("when the reference entries are hashed then every leaf hash is the Java verifier's", async () => {
  for (const leaf of vectors.leaves) {
    assert.equal(toHex(await leafHash(hex(leaf.entry))), leaf.leafHash);
  }
});

test("when every inclusion vector is checked then each verdict is the Java verifier's", async () => {
  assert.ok(vectors.inclusion.some((v) => v.valid) && vectors.inclusion.some((v) => !v.valid));
  for (const v of vectors.inclusion) {
    const verdict = await verifyInclusion(v.index, v.size, hex(v.leafHash), v.proof.map(hex), hex(v.root));
    assert.equal(verdict, v.valid, `${v.what}: leaf ${v.index} of ${v.size}`);
  }
});

test("when every consistency vector is checked then each verdict is the Java verifier's, rewritten histories caught", async () => {
  assert.ok(vectors.consistency.some((v) => v.what === "a rewritten history" && !v.valid));
  for (const v of vectors.consistency) {
    const verdict = await verifyConsistency(v.first, v.second, hex(v.firstRoot), hex(v.secondRoot), v.proof.map(hex));
    assert.equal(verdict, v.valid, `${v.what}: ${v.first} to ${v.second}`);
  }
});

test("when every checkpoint note is checked against the pinned key then each verdict is the Java verifier's", async () => {
  const pinned = [await parseVerifierKey(vectors.checkpoints.verifierKey)];
  for (const v of vectors.checkpoints.notes) {
    const text = await verifyNote(v.note, pinned);
    assert.equal(text !== null, v.valid, v.what);
    if (v.valid) {
      const checkpoint = parseCheckpoint(text);
      assert.deepEqual([checkpoint.origin, checkpoint.size, toHex(checkpoint.root)], [v.origin, v.size, v.root]);
    }
  }
});

test("when only another key is pinned then no checkpoint verifies", async () => {
  const other = [await parseVerifierKey(vectors.checkpoints.otherVerifierKey)];
  const byPinned = vectors.checkpoints.notes.find((v) => v.what === "signed by the key");
  assert.equal(await verifyNote(byPinned.note, other), null);
});

test("when a verifier key's ID does not match its key then it is refused", async () => {
  const [name, , ...key] = vectors.checkpoints.verifierKey.split("+");
  await assert.rejects(parseVerifierKey(`${name}+00000000+${key.join("+")}`), /does not match/);
});

test("when a checkpoint's size or root is malformed then it is refused", () => {
  assert.throws(() => parseCheckpoint("log\n01\nAAAA\n"), /decimal/);
  assert.throws(() => parseCheckpoint("log\n1\nAAAA\n"), /32 bytes/);
});
