// What the console does on each visit, as a Certificate Transparency monitor does: take the newest
// signed checkpoint, verify its signature against the pinned keys, and demand a consistency proof
// from the last checkpoint this auditor saw to it. A log that was rewritten, rolled back or signed
// by no pinned key is caught here, whatever the server says about itself.
import { verifyConsistency } from "./merkle.js";
import { parseCheckpoint, verifyNote } from "./notes.js";

/**
 * The verdict on a new checkpoint note, given the last checkpoint seen ({origin, size, root}, or
 * null on a first visit) and a function that fetches the consistency proof between two sizes (an
 * array of 32-byte hashes). Answers {status, checkpoint}: status is "verified" (then remember
 * checkpoint), "unsigned" (no pinned key signed it), "other-log" (another origin), "rolled-back"
 * (smaller than the last one seen) or "rewritten" (the proof does not join the two).
 */
export async function checkNewCheckpoint(note, pinnedKeys, lastSeen, fetchConsistencyProof) {
  const text = await verifyNote(note, pinnedKeys);
  if (text === null) return { status: "unsigned", checkpoint: null };
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch {
    return { status: "unsigned", checkpoint: null };
  }
  if (lastSeen == null) return { status: "verified", checkpoint };
  if (checkpoint.origin !== lastSeen.origin) return { status: "other-log", checkpoint };
  if (checkpoint.size < lastSeen.size) return { status: "rolled-back", checkpoint };
  const proof = lastSeen.size === 0 || lastSeen.size === checkpoint.size ? [] : await fetchConsistencyProof(lastSeen.size, checkpoint.size);
  const consistent = await verifyConsistency(lastSeen.size, checkpoint.size, lastSeen.root, checkpoint.root, proof);
  return { status: consistent ? "verified" : "rewritten", checkpoint };
}
