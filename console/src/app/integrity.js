// The log's integrity, checked here in the browser and never taken from the server's word: the
// newest signed checkpoint must be signed by a key the auditor pinned, must extend the last
// checkpoint this browser saw (a consistency proof, as Certificate Transparency monitors demand),
// and each event shown is proven to be in it (an inclusion proof of the entry as stored, hashed here).
import { checkNewCheckpoint } from "../verify/monitor.js";
import { leafHash, verifyInclusion } from "../verify/merkle.js";
import { parseVerifierKey } from "../verify/notes.js";
import { fhir, parameters, GatewayError } from "./fhir.js";

const PINNED = "passage-console.pinned-keys";
const LAST_SEEN = "passage-console.last-checkpoint";

export function pinnedKeyTexts() {
  return JSON.parse(localStorage.getItem(PINNED) || "[]");
}

/** Pins a verifier key (checked first: an Ed25519 key whose ID matches). Throws if it is not one. */
export async function pinKey(text) {
  const trimmed = text.trim();
  await parseVerifierKey(trimmed);
  const keys = pinnedKeyTexts();
  if (!keys.includes(trimmed)) keys.push(trimmed);
  localStorage.setItem(PINNED, JSON.stringify(keys));
}

export function unpinKey(text) {
  localStorage.setItem(PINNED, JSON.stringify(pinnedKeyTexts().filter((key) => key !== text)));
}

export function lastSeen() {
  const stored = JSON.parse(localStorage.getItem(LAST_SEEN) || "null");
  return stored && { origin: stored.origin, size: stored.size, root: fromHex(stored.root) };
}

export function forgetLastSeen() {
  localStorage.removeItem(LAST_SEEN);
}

/**
 * The verdict on the log now: {status, checkpoint, previous}. status is "no-keys" (nothing pinned),
 * "no-checkpoint", or checkNewCheckpoint's: "verified" (then remembered), "unsigned", "other-log",
 * "rolled-back" or "rewritten".
 */
export async function checkLog() {
  const texts = pinnedKeyTexts();
  if (texts.length === 0) return { status: "no-keys" };
  const keys = [];
  for (const text of texts) keys.push(await parseVerifierKey(text));
  let note;
  try {
    note = parameters(await fhir("AuditEvent/$checkpoint")).get("checkpoint")?.[0];
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) return { status: "no-checkpoint" };
    throw error;
  }
  const previous = lastSeen();
  const verdict = await checkNewCheckpoint(note, keys, previous, async (first, second) => {
    const proof = parameters(await fhir(`AuditEvent/$consistency-proof?first=${first}&second=${second}`));
    return (proof.get("hash") || []).map(fromHex);
  });
  if (verdict.status === "verified") {
    localStorage.setItem(LAST_SEEN, JSON.stringify({ origin: verdict.checkpoint.origin, size: verdict.checkpoint.size,
      root: toHex(verdict.checkpoint.root) }));
  }
  return { ...verdict, previous };
}

/**
 * Whether the event is in the verified checkpoint: {status, entry}. status is "verified" (entry is
 * the event as the log stored and hashed it), "failed" (the entry or its proof does not give the
 * checkpoint's root) or "pending" (placed in the log after that checkpoint).
 */
export async function proveEvent(id, checkpoint) {
  let proof;
  try {
    proof = parameters(await fhir(`AuditEvent/${encodeURIComponent(id)}/$inclusion-proof?tree-size=${checkpoint.size}`));
  } catch (error) {
    if (error instanceof GatewayError && error.code === "PASSAGE-1009") return { status: "pending" };
    throw error;
  }
  return verdict(proof.get("entry")?.[0] ?? "", Number(proof.get("leaf-index")?.[0]), (proof.get("hash") || []).map(fromHex),
    checkpoint);
}

/**
 * The verdicts on many events at once (a page of results), from one batch of inclusion proofs:
 * a Map from event id to {status, entry}, as {@link proveEvent} answers for one.
 */
export async function proveEvents(ids, checkpoint) {
  const verdicts = new Map();
  if (ids.length === 0) return verdicts;
  // POSTed: a page of 500 ids would not fit in a request line.
  const body = { resourceType: "Parameters", parameter: [{ name: "tree-size", valueInteger: checkpoint.size },
    ...ids.map((id) => ({ name: "event", valueString: String(id) }))] };
  const answer = await fhir("AuditEvent/$inclusion-proofs", { method: "POST", body });
  for (const proof of (answer.parameter || []).filter((parameter) => parameter.name === "proof")) {
    const parts = new Map();
    for (const part of proof.part || []) {
      const value = part.valueString ?? part.valueBoolean;
      if (!parts.has(part.name)) parts.set(part.name, []);
      parts.get(part.name).push(value);
    }
    const id = parts.get("event")?.[0];
    if (parts.get("in-tree")?.[0] !== true) {
      verdicts.set(id, { status: "pending" });
      continue;
    }
    verdicts.set(id, await verdict(parts.get("entry")?.[0] ?? "", Number(parts.get("leaf-index")?.[0]),
      (parts.get("hash") || []).map(fromHex), checkpoint));
  }
  return verdicts;
}

/**
 * A page of events, each with its verdict: {event, status}. A proven event is shown as the log
 * stored it; it must be the event the search listed (the same type, agents, client, resources,
 * consent and time) and no two rows may be proven by the same leaf, or the row fails: the server
 * does not get to choose which entry proves which row.
 */
export async function provePage(events, checkpoint, same) {
  if (!checkpoint) return events.map((event) => ({ event, status: "unchecked" }));
  const proofs = await proveEvents(events.map((event) => event.id), checkpoint);
  const leaves = new Set();
  return events.map((event) => {
    const proof = proofs.get(event.id) || { status: "failed" };
    if (proof.status !== "verified") return { event, status: proof.status };
    if (leaves.has(proof.index) || !same(proof.entry, event)) return { event, status: "failed" };
    leaves.add(proof.index);
    return { event: { ...proof.entry, id: event.id }, status: "verified" };
  });
}

async function verdict(entry, index, hashes, checkpoint) {
  const leaf = await leafHash(new TextEncoder().encode(`${index}\n${entry}`));
  const good = await verifyInclusion(index, checkpoint.size, leaf, hashes, checkpoint.root);
  let event;
  try {
    event = JSON.parse(entry);
  } catch {
    return { status: "failed", entry: null };
  }
  return { status: good ? "verified" : "failed", entry: event, index };
}

export function fromHex(text) {
  if (!/^([0-9a-f]{2})*$/.test(text || "")) throw new Error("not a hex string");
  return Uint8Array.from(text.match(/../g) || [], (pair) => parseInt(pair, 16));
}

export function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
