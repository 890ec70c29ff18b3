package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The hashes of every aligned perfect subtree of a log's first {@code n} leaves, computed in
 * memory once (n - 1 node hashes): the root, any audit path and any consistency proof then cost
 * O(log² n) lookups ({@link MerkleProofs}), where {@link MerkleTree} hashes the whole log again
 * for each.
 */
final class MerkleLevels implements PerfectSubtrees {

  /** Level l holds the hashes of the subtrees of 2^l leaves starting at multiples of 2^l. */
  private final List<byte[][]> levels = new ArrayList<>();
  private final MerkleProofs proofs;

  MerkleLevels(List<byte[]> leafHashes) {
    byte[][] level = leafHashes.toArray(new byte[0][]);
    levels.add(level);
    while (level.length > 1) {
      level = up(level);
      levels.add(level);
    }
    proofs = new MerkleProofs(this, leafHashes.size());
  }

  /** The level above: each pair of nodes hashed together (an odd last node has no parent yet). */
  static byte[][] up(byte[][] level) {
    byte[][] up = new byte[level.length / 2][];
    for (int i = 0; i < up.length; i++) {
      up[i] = MerkleTree.nodeHash(level[2 * i], level[2 * i + 1]);
    }
    return up;
  }

  @Override
  public byte[] hash(int level, long index) {
    return levels.get(level)[Math.toIntExact(index)];
  }

  int size() {
    return Math.toIntExact(proofs.size());
  }

  byte[] root() {
    return proofs.root();
  }

  List<byte[]> inclusionProof(int index) {
    return proofs.inclusionProof(index);
  }

  List<byte[]> consistencyProof(int m) {
    return proofs.consistencyProof(m);
  }
}
