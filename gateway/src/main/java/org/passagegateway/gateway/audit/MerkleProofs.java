package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162's tree head, audit paths and consistency proofs for a log of {@code size} leaves, from
 * the hashes of its aligned perfect subtrees: every subtree the RFC's recursion builds is either
 * one of those or splits into them, so an answer needs O(log n) of them and a few hashes of its
 * own, wherever they come from ({@link MerkleLevels} in memory, {@link AuditTiles} in the
 * database). The answers are {@link MerkleTree}'s, as a property test checks.
 */
final class MerkleProofs {

  private final PerfectSubtrees subtrees;
  private final long size;

  MerkleProofs(PerfectSubtrees subtrees, long size) {
    this.subtrees = subtrees;
    this.size = size;
  }

  long size() {
    return size;
  }

  /** MTH(D[n]). */
  byte[] root() {
    return size == 0 ? MerkleTree.root(List.of()) : hash(0, size);
  }

  /** The leaf hash at {@code index}. */
  byte[] leaf(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size);
    }
    return subtrees.hash(0, index);
  }

  /** PATH(index, D[n]). */
  List<byte[]> inclusionProof(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, proof);
    return proof;
  }

  /** PROOF(m, D[n]). */
  List<byte[]> consistencyProof(long m) {
    if (m < 0 || m > size) {
      throw new IllegalArgumentException("no consistency proof from size " + m + " to " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    if (m > 0 && m < size) {
      subproof(m, 0, size, true, proof);
    }
    return proof;
  }

  /** MTH of the leaves [from, to), to > from. */
  byte[] hash(long from, long to) {
    long n = to - from;
    if (Long.bitCount(n) == 1 && from % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return subtrees.hash(level, from >> level);
    }
    long k = Long.highestOneBit(n - 1);
    return MerkleTree.nodeHash(hash(from, from + k), hash(from + k, to));
  }

  private void path(long index, long from, long to, List<byte[]> proof) {
    long n = to - from;
    if (n == 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (index < k) {
      path(index, from, from + k, proof);
      proof.add(hash(from + k, to));
    } else {
      path(index - k, from + k, to, proof);
      proof.add(hash(from, from + k));
    }
  }

  private void subproof(long m, long from, long to, boolean complete, List<byte[]> proof) {
    long n = to - from;
    if (m == n) {
      if (!complete) {
        proof.add(hash(from, to));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, from, from + k, complete, proof);
      proof.add(hash(from + k, to));
    } else {
      subproof(m - k, from + k, to, false, proof);
      proof.add(hash(from, from + k));
    }
  }
}
