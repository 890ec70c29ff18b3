package org.passagegateway.gateway.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hashing of RFC 9162 (Certificate Transparency 2.0, section 2.1): leaf and node
 * hashes with distinct prefixes, the tree head of any number of leaves, inclusion proofs (an
 * entry is in the log) and consistency proofs (a later log extends an earlier one), and their
 * verification. Pure: it works on the leaf hashes it is given.
 */
public final class MerkleTree {

  public static final int HASH_LENGTH = 32;

  private MerkleTree() {}

  /** {@code SHA-256(0x00 || entry)}. */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 0);
    return sha256.digest(entry);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 1);
    sha256.update(left);
    return sha256.digest(right);
  }

  /** The tree head MTH of the leaves (the hash of nothing for none). */
  public static byte[] root(List<byte[]> leafHashes) {
    return leafHashes.isEmpty() ? sha256().digest() : subtree(leafHashes, 0, leafHashes.size());
  }

  /** PATH(index, D[n]): the audit path of one leaf in the tree of all {@code leafHashes}. */
  public static List<byte[]> inclusionProof(int index, List<byte[]> leafHashes) {
    if (index < 0 || index >= leafHashes.size()) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of " + leafHashes.size());
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, leafHashes, 0, leafHashes.size(), proof);
    return proof;
  }

  /** PROOF(m, D[n]): that the tree of the first {@code m} leaves is a prefix of the tree of all of them. */
  public static List<byte[]> consistencyProof(int m, List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (m < 0 || m > n) {
      throw new IllegalArgumentException("no consistency proof from size " + m + " to " + n);
    }
    List<byte[]> proof = new ArrayList<>();
    if (m > 0 && m < n) {
      subproof(m, leafHashes, 0, n, true, proof);
    }
    return proof;
  }

  /** Verifies an inclusion proof (RFC 9162, 2.1.3.2). */
  public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** Verifies a consistency proof between tree sizes {@code m <= n} (RFC 9162, 2.1.4.2). */
  public static boolean verifyConsistency(long m, long n, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    if (m < 0 || m > n) {
      return false;
    }
    if (m == n) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (m == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(m) == 1) {
      path.add(0, firstRoot);
    }
    long fn = m - 1;
    long sn = n - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }

  /** MTH of leaves [from, to). */
  static byte[] subtree(List<byte[]> leafHashes, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leafHashes.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return nodeHash(subtree(leafHashes, from, from + k), subtree(leafHashes, from + k, to));
  }

  private static void path(int index, List<byte[]> leafHashes, int from, int to, List<byte[]> proof) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (index < k) {
      path(index, leafHashes, from, from + k, proof);
      proof.add(subtree(leafHashes, from + k, to));
    } else {
      path(index - k, leafHashes, from + k, to, proof);
      proof.add(subtree(leafHashes, from, from + k));
    }
  }

  private static void subproof(int m, List<byte[]> leafHashes, int from, int to, boolean complete, List<byte[]> proof) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        proof.add(subtree(leafHashes, from, to));
      }
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, leafHashes, from, from + k, complete, proof);
      proof.add(subtree(leafHashes, from + k, to));
    } else {
      subproof(m - k, leafHashes, from + k, to, false, proof);
      proof.add(subtree(leafHashes, from, from + k));
    }
  }

  /** The largest power of two smaller than {@code n} (n > 1). */
  static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Hex of a hash, for messages and tests. */
  public static String hex(byte[] hash) {
    StringBuilder text = new StringBuilder(hash.length * 2);
    for (byte b : hash) {
      text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return text.toString();
  }
}
