// C2SP signed notes and tlog checkpoints, verified in the browser against the verifier keys an
// auditor pinned (never against keys the server offers): the same rules as the gateway's
// SignedNotes and Checkpoint. A note is valid when at least one signature is by a pinned key and
// every signature by a pinned key verifies; signatures by other keys are ignored.

const SIGNATURE_PREFIX = "\u2014 ";
const ED25519 = 0x01;

function fromBase64(text) {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function keyId(name, publicKey) {
  const nameBytes = new TextEncoder().encode(name);
  const data = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  data.set(nameBytes, 0);
  data[nameBytes.length] = 0x0a;
  data[nameBytes.length + 1] = ED25519;
  data.set(publicKey, nameBytes.length + 2);
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data)).slice(0, 4);
}

/**
 * A verifier key string ({@code name+hexid+base64(0x01||key)}), checked: an Ed25519 key whose ID
 * matches its name and key. Throws on anything else.
 */
export async function parseVerifierKey(text) {
  // The key's Base64 may itself hold '+': the name and the ID are the first two fields.
  const fields = String(text).split("+");
  const parts = [fields[0], fields[1], fields.slice(2).join("+")];
  if (fields.length < 3 || !parts[0] || /\s/.test(parts[0])) throw new Error("a verifier key is name+keyid+key");
  const typed = fromBase64(parts[2]);
  if (typed.length !== 33 || typed[0] !== ED25519) throw new Error("only Ed25519 verifier keys are supported");
  const publicKey = typed.slice(1);
  const id = await keyId(parts[0], publicKey);
  if (toHex(id) !== parts[1]) throw new Error("the verifier key's ID does not match its name and key");
  const cryptoKey = await globalThis.crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
  return { name: parts[0], id, cryptoKey };
}

/**
 * The text a signed note signs, when at least one of its signatures is by one of the pinned keys
 * (from {@link parseVerifierKey}) and all of those verify; null otherwise.
 */
export async function verifyNote(note, pinnedKeys) {
  if (typeof note !== "string" || !note.endsWith("\n")) return null;
  const split = note.lastIndexOf("\n\n");
  if (split < 0) return null;
  const text = note.slice(0, split + 1);
  const message = new TextEncoder().encode(text);
  let verified = false;
  for (const line of note.slice(split + 2, note.length - 1).split("\n")) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return null;
    const parts = line.slice(SIGNATURE_PREFIX.length).split(" ");
    if (parts.length !== 2) return null;
    let withId;
    try {
      withId = fromBase64(parts[1]);
    } catch {
      return null;
    }
    if (withId.length < 5) return null;
    const id = withId.slice(0, 4);
    for (const key of pinnedKeys) {
      if (key.name !== parts[0] || toHex(key.id) !== toHex(id)) continue;
      const good = await globalThis.crypto.subtle.verify({ name: "Ed25519" }, key.cryptoKey, withId.slice(4), message);
      if (!good) return null;
      verified = true;
    }
  }
  return verified ? text : null;
}

/** A checkpoint's text: origin, size and root hash (32 bytes), as the gateway writes it. Throws if malformed. */
export function parseCheckpoint(text) {
  if (!text.endsWith("\n")) throw new Error("a checkpoint ends with a newline");
  const lines = text.split("\n");
  if (lines.length < 4 || !lines[0]) throw new Error("a checkpoint has an origin, a size and a root hash line");
  if (!/^(0|[1-9][0-9]{0,15})$/.test(lines[1])) throw new Error("a checkpoint's size is a decimal number");
  const root = fromBase64(lines[2]);
  if (root.length !== 32) throw new Error("a checkpoint's root hash is 32 bytes");
  return { origin: lines[0], size: Number(lines[1]), root };
}
