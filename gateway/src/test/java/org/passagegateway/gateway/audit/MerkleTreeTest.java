package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9162 tree heads and proofs, against the RFC 6962 reference test vectors and a brute-force check. */
class MerkleTreeTest {

  /** The eight leaves of the Certificate Transparency reference tests. */
  private static final List<byte[]> LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
      hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

  private static final List<String> ROOTS = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void whenTheReferenceLeavesAreHashedThenEveryTreeHeadIsTheReferenceOne() {
    List<byte[]> leafHashes = leafHashes(LEAVES);
    for (int size = 1; size <= 8; size++) {
      assertThat(MerkleTree.hex(MerkleTree.root(leafHashes.subList(0, size)))).as("size %d", size)
          .isEqualTo(ROOTS.get(size - 1));
    }
    assertThat(MerkleTree.hex(MerkleTree.root(List.of())))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void whenTheFirstLeafIsProvenInTheTreeOfEightThenTheProofIsTheReferenceOne() {
    List<byte[]> proof = MerkleTree.inclusionProof(0, leafHashes(LEAVES));
    assertThat(proof).extracting(MerkleTree::hex).containsExactly(
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
  }

  @Test
  void whenEveryLeafOfEveryTreeUpTo40IsProvenThenTheProofVerifiesAndNoAlteredOneDoes() {
    List<byte[]> leafHashes = leafHashes(entries(40));
    for (int size = 1; size <= 40; size++) {
      List<byte[]> tree = leafHashes.subList(0, size);
      byte[] root = MerkleTree.root(tree);
      for (int index = 0; index < size; index++) {
        List<byte[]> proof = MerkleTree.inclusionProof(index, tree);
        assertThat(MerkleTree.verifyInclusion(index, size, tree.get(index), proof, root)).isTrue();
        int other = (index + 1) % size;
        if (other != index) {
          assertThat(MerkleTree.verifyInclusion(other, size, tree.get(index), proof, root))
              .as("leaf %d's proof at position %d of %d", index, other, size).isFalse();
        }
        assertThat(MerkleTree.verifyInclusion(index, size, MerkleTree.leafHash(new byte[] {9, 9}), proof, root)).isFalse();
        if (!proof.isEmpty()) {
          List<byte[]> altered = new ArrayList<>(proof);
          altered.set(0, flipped(altered.get(0)));
          assertThat(MerkleTree.verifyInclusion(index, size, tree.get(index), altered, root)).isFalse();
        }
      }
    }
  }

  @Test
  void whenEveryTreeUpTo40IsProvenToExtendEveryEarlierOneThenTheProofsVerifyAndForksDoNot() {
    List<byte[]> leafHashes = leafHashes(entries(40));
    List<byte[]> forked = new ArrayList<>(leafHashes);
    forked.set(3, MerkleTree.leafHash(new byte[] {42}));
    for (int n = 1; n <= 40; n++) {
      List<byte[]> tree = leafHashes.subList(0, n);
      byte[] root = MerkleTree.root(tree);
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = MerkleTree.consistencyProof(m, tree);
        byte[] earlier = MerkleTree.root(tree.subList(0, m));
        assertThat(MerkleTree.verifyConsistency(m, n, earlier, root, proof)).as("%d -> %d", m, n).isTrue();
        if (m > 3) {
          byte[] forkedEarlier = MerkleTree.root(forked.subList(0, m));
          assertThat(MerkleTree.verifyConsistency(m, n, forkedEarlier, root, proof)).as("fork %d -> %d", m, n).isFalse();
        }
        if (m < n) {
          assertThat(MerkleTree.verifyConsistency(m, n, earlier, flipped(root), proof)).isFalse();
        }
      }
    }
  }

  private static List<byte[]> entries(int count) {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(("event " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return entries;
  }

  private static List<byte[]> leafHashes(List<byte[]> entries) {
    return entries.stream().map(MerkleTree::leafHash).toList();
  }

  private static byte[] flipped(byte[] hash) {
    byte[] copy = hash.clone();
    copy[0] ^= 1;
    return copy;
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }
}
