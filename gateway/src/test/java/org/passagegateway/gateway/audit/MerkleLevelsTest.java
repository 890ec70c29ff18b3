package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The levels' root, paths and consistency proofs are those of the plain RFC 9162 recursion, for any size. */
class MerkleLevelsTest {

  @Property(tries = 300)
  void whenTheLevelsAreBuiltThenRootPathAndConsistencyProofAreTheRecursions(@ForAll @IntRange(min = 1, max = 300) int size,
      @ForAll @IntRange(min = 0, max = 299) int index, @ForAll @IntRange(min = 0, max = 300) int first) {
    List<byte[]> leaves = leaves(size);
    MerkleLevels levels = new MerkleLevels(leaves);
    int leaf = index % size;
    int m = first % (size + 1);

    assertThat(levels.root()).isEqualTo(MerkleTree.root(leaves));
    assertThat(levels.inclusionProof(leaf)).containsExactlyElementsOf(MerkleTree.inclusionProof(leaf, leaves));
    assertThat(levels.consistencyProof(m)).containsExactlyElementsOf(MerkleTree.consistencyProof(m, leaves));
    assertThat(MerkleTree.verifyInclusion(leaf, size, leaves.get(leaf), levels.inclusionProof(leaf), levels.root())).isTrue();
  }

  private static List<byte[]> leaves(int size) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      leaves.add(MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
    }
    return leaves;
  }
}
