// RFC 9162 (Certificate Transparency 2.0) Merkle tree verification, as the console runs it in the
// browser on what the gateway sends: inclusion proofs of the events it shows and consistency
// proofs between the checkpoint an auditor saw last and the newest one. Hashes are Uint8Arrays of
// 32 bytes; sizes and indexes are non-negative integers. Nothing here trusts the server: a proof
// either recomputes the root hash of a signed checkpoint, or it fails.

const HASH_LENGTH = 32;

async function sha256(...parts) {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", joined));
}

/** The leaf hash of an entry: SHA-256(0x00 || entry). */
export function leafHash(entry) {
  return sha256(Uint8Array.of(0), entry);
}

/** The hash of an interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left, right) {
  return sha256(Uint8Array.of(1), left, right);
}

export function equalHashes(a, b) {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

function wellFormed(hashes) {
  return Array.isArray(hashes) && hashes.every((hash) => hash instanceof Uint8Array && hash.length === HASH_LENGTH);
}

function isCount(value) {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Whether {@code proof} shows the leaf at {@code index} in the tree of {@code size} leaves whose
 * root hash is {@code root} (RFC 9162, section 2.1.3.2).
 */
export async function verifyInclusion(index, size, leaf, proof, root) {
  if (!isCount(index) || !isCount(size) || index >= size || !wellFormed([leaf, root]) || !wellFormed(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(r, root);
}

/**
 * Whether {@code proof} shows that the tree of {@code second} leaves with root {@code secondRoot}
 * extends the tree of {@code first} leaves with root {@code firstRoot}: the same first leaves, in
 * the same order, nothing rewritten (RFC 9162, section 2.1.4.2).
 */
export async function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (!isCount(first) || !isCount(second) || first > second || !wellFormed([firstRoot, secondRoot]) || !wellFormed(proof)) {
    return false;
  }
  if (first === second) return proof.length === 0 && equalHashes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(fr, firstRoot) && equalHashes(sr, secondRoot);
}

function isPowerOfTwo(n) {
  return n > 0 && (n & (n - 1)) === 0;
}
