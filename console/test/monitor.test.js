// The console's checkpoint monitor, on checkpoints signed by the Java signer and proofs made by the
// Java prover (the verification vectors): a history rewritten between two visits is caught.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { checkNewCheckpoint } from "../src/verify/monitor.js";
import { parseVerifierKey } from "../src/verify/notes.js";

const vectors = JSON.parse(readFileSync(new URL("../../gateway/src/test/resources/audit/verification-vectors.json",
  import.meta.url), "utf8"));
const hex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const signed = vectors.checkpoints.notes.find((v) => v.what === "signed by the key");
const head = (size) => hex(vectors.treeHeads.find((h) => h.size === size).root);
const proofFrom = (first, second) => vectors.consistency.find((v) => v.first === first && v.second === second
  && v.what === "as made").proof.map(hex);

test("when the log grew honestly since the last visit then the new checkpoint is verified", async () => {
  const keys = [await parseVerifierKey(vectors.checkpoints.verifierKey)];
  const lastSeen = { origin: signed.origin, size: 7, root: head(7) };
  const verdict = await checkNewCheckpoint(signed.note, keys, lastSeen, async (m, n) => proofFrom(m, n));
  assert.equal(verdict.status, "verified");
  assert.equal(verdict.checkpoint.size, signed.size);
});

test("when the history seen last was rewritten then the new checkpoint is caught as rewritten", async () => {
  const keys = [await parseVerifierKey(vectors.checkpoints.verifierKey)];
  const rewritten = vectors.consistency.find((v) => v.what === "a rewritten history" && v.second === signed.size);
  const lastSeen = { origin: signed.origin, size: rewritten.first, root: hex(rewritten.firstRoot) };
  const verdict = await checkNewCheckpoint(signed.note, keys, lastSeen, async () => rewritten.proof.map(hex));
  assert.equal(verdict.status, "rewritten");
});

test("when the log is smaller than the last visit's then it is caught as rolled back", async () => {
  const keys = [await parseVerifierKey(vectors.checkpoints.verifierKey)];
  const lastSeen = { origin: signed.origin, size: signed.size + 5, root: head(signed.size) };
  const verdict = await checkNewCheckpoint(signed.note, keys, lastSeen, async () => assert.fail("no proof is asked"));
  assert.equal(verdict.status, "rolled-back");
});

test("when no pinned key signed the checkpoint then it is unsigned, whatever its proofs", async () => {
  const others = [await parseVerifierKey(vectors.checkpoints.otherVerifierKey)];
  const verdict = await checkNewCheckpoint(signed.note, others, null, async () => []);
  assert.equal(verdict.status, "unsigned");
  const forged = vectors.checkpoints.notes.find((v) => v.what === "its size changed after signing");
  const keys = [await parseVerifierKey(vectors.checkpoints.verifierKey)];
  assert.equal((await checkNewCheckpoint(forged.note, keys, null, async () => [])).status, "unsigned");
});
