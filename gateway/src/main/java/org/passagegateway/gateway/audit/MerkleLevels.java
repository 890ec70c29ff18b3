package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The hashes of every aligned perfect subtree of a log's first {@code n} leaves, computed once
 * (n - 1 node hashes). Every subtree RFC 9162 builds is either such a subtree or splits into them,
 * so the root, any audit path and any consistency proof then cost O(log² n) lookups and a few
 * hashes, where {@link MerkleTree} hashes the whole log again for each. What a batch of inclusion
 * proofs (a page of events) needs; the answers are {@link MerkleTree}'s, as a property test checks.
 */
final class MerkleLevels {

  /** Level l holds the hashes of the subtrees of 2^l leaves starting at multiples of 2^l. */
  private final List<byte[][]> levels = new ArrayList<>();
  private final int size;

  MerkleLevels(List<byte[]> leafHashes) {
    size = leafHashes.size();
    byte[][] level = leafHashes.toArray(new byte[0][]);
    levels.add(level);
    while (level.length > 1) {
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = MerkleTree.nodeHash(level[2 * i], level[2 * i + 1]);
      }
      levels.add(up);
      level = up;
    }
  }

  int size() {
    return size;
  }

  /** MTH(D[n]). */
  byte[] root() {
    return size == 0 ? MerkleTree.root(List.of()) : hash(0, size);
  }

  /** PATH(index, D[n]). */
  List<byte[]> inclusionProof(int index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, proof);
    return proof;
  }

  /** PROOF(m, D[n]). */
  List<byte[]> consistencyProof(int m) {
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
  private byte[] hash(int from, int to) {
    int n = to - from;
    if (Integer.bitCount(n) == 1 && from % n == 0) {
      int level = Integer.numberOfTrailingZeros(n);
      return levels.get(level)[from >> level];
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleTree.nodeHash(hash(from, from + k), hash(from + k, to));
  }

  private void path(int index, int from, int to, List<byte[]> proof) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (index < k) {
      path(index, from, from + k, proof);
      proof.add(hash(from + k, to));
    } else {
      path(index - k, from + k, to, proof);
      proof.add(hash(from, from + k));
    }
  }

  private void subproof(int m, int from, int to, boolean complete, List<byte[]> proof) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        proof.add(hash(from, to));
      }
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, from, from + k, complete, proof);
      proof.add(hash(from + k, to));
    } else {
      subproof(m - k, from + k, to, false, proof);
      proof.add(hash(from, from + k));
    }
  }
}
