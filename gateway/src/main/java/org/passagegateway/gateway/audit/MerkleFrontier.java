package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The tree head of a log that grows one leaf at a time, kept as the roots of its perfect
 * subtrees (at most one per power of two): appending is amortised constant work and the RFC 9162
 * root of the current size is a fold of at most 64 hashes, so a verifier can check every
 * checkpoint in one pass over the log.
 */
final class MerkleFrontier {

  private final List<byte[]> roots = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();
  private long size;

  void append(byte[] leafHash) {
    byte[] node = leafHash;
    long nodeSize = 1;
    while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == nodeSize) {
      node = MerkleTree.nodeHash(roots.remove(roots.size() - 1), node);
      sizes.remove(sizes.size() - 1);
      nodeSize *= 2;
    }
    roots.add(node);
    sizes.add(nodeSize);
    size++;
  }

  long size() {
    return size;
  }

  byte[] root() {
    if (roots.isEmpty()) {
      return MerkleTree.root(List.of());
    }
    byte[] root = roots.get(roots.size() - 1);
    for (int i = roots.size() - 2; i >= 0; i--) {
      root = MerkleTree.nodeHash(roots.get(i), root);
    }
    return root;
  }
}
