package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The verification vectors every verifier of the audit log must agree on, this one (Java) and the
 * console's (JavaScript, in the browser; {@code console/test}): RFC 9162 tree heads, inclusion and
 * consistency proofs, each also altered, and C2SP signed checkpoints, valid and forged, each with
 * the verdict of the Java verifier. The file is made here from {@link MerkleTree} and {@link
 * SignedNotes} and must equal the committed one; run with {@code -Dpassage.write-vectors=true} to
 * write it after a change.
 */
class VerificationVectorsTest {

  static final Path VECTORS = Path.of("src", "test", "resources", "audit", "verification-vectors.json");
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int LARGEST = 12;

  @Test
  void whenTheVectorsAreMadeFromTheJavaVerifierThenTheyAreTheCommittedOnes() throws IOException {
    String made = JSON.writeValueAsString(vectors()) + "\n";
    if (Boolean.getBoolean("passage.write-vectors")) {
      Files.writeString(VECTORS, made, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(VECTORS, StandardCharsets.UTF_8)).as("%s, made by this test", VECTORS).isEqualTo(made);
  }

  private static ObjectNode vectors() {
    ObjectNode root = JSON.createObjectNode();
    root.put("comment", "Made by gateway VerificationVectorsTest from the Java verifier; every verdict is the Java verifier's.");
    // RFC 6962's reference leaves, then more, so that trees up to LARGEST leaves have every shape.
    List<byte[]> entries = new ArrayList<>(List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
        hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f")));
    for (int i = entries.size(); i < LARGEST; i++) {
      entries.add(("passage audit event " + i).getBytes(StandardCharsets.UTF_8));
    }
    List<byte[]> leafHashes = entries.stream().map(MerkleTree::leafHash).toList();
    ArrayNode leaves = root.putArray("leaves");
    for (int i = 0; i < entries.size(); i++) {
      leaves.addObject().put("entry", HEX.formatHex(entries.get(i))).put("leafHash", HEX.formatHex(leafHashes.get(i)));
    }
    ArrayNode heads = root.putArray("treeHeads");
    for (int size = 0; size <= LARGEST; size++) {
      heads.addObject().put("size", size).put("root", MerkleTree.hex(MerkleTree.root(leafHashes.subList(0, size))));
    }

    ArrayNode inclusions = root.putArray("inclusion");
    for (int size = 1; size <= LARGEST; size++) {
      List<byte[]> tree = leafHashes.subList(0, size);
      byte[] head = MerkleTree.root(tree);
      for (int index = 0; index < size; index++) {
        List<byte[]> proof = MerkleTree.inclusionProof(index, tree);
        inclusion(inclusions, index, size, tree.get(index), proof, head, "as made");
        if (!proof.isEmpty()) {
          inclusion(inclusions, index, size, tree.get(index), altered(proof, proof.size() - 1), head, "a proof hash altered");
          inclusion(inclusions, index, size, tree.get(index), proof.subList(0, proof.size() - 1), head, "a proof hash missing");
        }
        inclusion(inclusions, (index + 1) % size == index ? index + 1 : (index + 1) % size, size, tree.get(index), proof, head,
            "another index");
        inclusion(inclusions, index, size, MerkleTree.leafHash("forged".getBytes(StandardCharsets.UTF_8)), proof, head,
            "another leaf");
      }
    }

    ArrayNode consistencies = root.putArray("consistency");
    for (int second = 1; second <= LARGEST; second++) {
      byte[] secondRoot = MerkleTree.root(leafHashes.subList(0, second));
      for (int first = 1; first <= second; first++) {
        byte[] firstRoot = MerkleTree.root(leafHashes.subList(0, first));
        List<byte[]> proof = MerkleTree.consistencyProof(first, leafHashes.subList(0, second));
        consistency(consistencies, first, second, firstRoot, secondRoot, proof, "as made");
        if (!proof.isEmpty()) {
          consistency(consistencies, first, second, firstRoot, secondRoot, altered(proof, 0), "a proof hash altered");
        }
        if (first < second) {
          // A history rewritten: the first tree's head is not the one the second tree extends.
          byte[] forkRoot = MerkleTree.root(forked(leafHashes.subList(0, first)));
          consistency(consistencies, first, second, forkRoot, secondRoot, proof, "a rewritten history");
        }
      }
    }

    // Signed checkpoints: a fixed key (test material only), its verifier key string, and notes.
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(hex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), 0);
    Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(hex(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"), 0);
    String name = "passage-gateway.test/audit";
    NoteKey noteKey = new NoteKey(name, key.generatePublicKey().getEncoded());
    ObjectNode notes = root.putObject("checkpoints");
    notes.put("verifierKey", noteKey.verifierKey());
    notes.put("otherVerifierKey", new NoteKey(name, other.generatePublicKey().getEncoded()).verifierKey());
    String body = new Checkpoint(name, LARGEST, MerkleTree.root(leafHashes)).body();
    String signed = SignedNotes.sign(body, name, key);
    ArrayNode cases = notes.putArray("notes");
    note(cases, signed, noteKey, "signed by the key");
    note(cases, SignedNotes.sign(body, name, other), noteKey, "signed by another key of the same name");
    note(cases, signed.replace("\n" + LARGEST + "\n", "\n" + (LARGEST + 1) + "\n"), noteKey, "its size changed after signing");
    String signatureLine = signed.substring(signed.lastIndexOf("\n\n") + 2);
    String altered = signatureLine.substring(0, signatureLine.length() - 6)
        + (signatureLine.charAt(signatureLine.length() - 6) == 'A' ? 'B' : 'A') + signatureLine.substring(signatureLine.length() - 5);
    note(cases, signed.substring(0, signed.lastIndexOf("\n\n") + 2) + altered, noteKey, "its signature altered");
    note(cases, body, noteKey, "not signed");
    String cosigned = signed + SignedNotes.sign(body, "another-log.example/witness", other)
        .substring(body.length() + 1);
    note(cases, cosigned, noteKey, "signed by the key and by an unknown key");
    return root;
  }

  private static void inclusion(ArrayNode out, int index, int size, byte[] leafHash, List<byte[]> proof, byte[] head,
      String what) {
    ObjectNode vector = out.addObject().put("what", what).put("index", index).put("size", size)
        .put("leafHash", HEX.formatHex(leafHash)).put("root", HEX.formatHex(head));
    proof.forEach(hash -> vector.withArray("proof").add(HEX.formatHex(hash)));
    vector.withArray("proof");
    vector.put("valid", MerkleTree.verifyInclusion(index, size, leafHash, proof, head));
  }

  private static void consistency(ArrayNode out, int first, int second, byte[] firstRoot, byte[] secondRoot,
      List<byte[]> proof, String what) {
    ObjectNode vector = out.addObject().put("what", what).put("first", first).put("second", second)
        .put("firstRoot", HEX.formatHex(firstRoot)).put("secondRoot", HEX.formatHex(secondRoot));
    proof.forEach(hash -> vector.withArray("proof").add(HEX.formatHex(hash)));
    vector.withArray("proof");
    vector.put("valid", MerkleTree.verifyConsistency(first, second, firstRoot, secondRoot, proof));
  }

  private static void note(ArrayNode out, String note, NoteKey key, String what) {
    Optional<String> verified = SignedNotes.verify(note, List.of(key));
    ObjectNode vector = out.addObject().put("what", what).put("note", note).put("valid", verified.isPresent());
    verified.ifPresent(text -> {
      Checkpoint checkpoint = Checkpoint.parse(text);
      vector.put("origin", checkpoint.origin()).put("size", checkpoint.size())
          .put("root", HEX.formatHex(checkpoint.rootHash()));
    });
  }

  private static List<byte[]> altered(List<byte[]> proof, int at) {
    List<byte[]> copy = new ArrayList<>(proof);
    byte[] hash = copy.get(at).clone();
    hash[0] ^= 0x01;
    copy.set(at, hash);
    return copy;
  }

  private static List<byte[]> forked(List<byte[]> leafHashes) {
    List<byte[]> copy = new ArrayList<>(leafHashes);
    copy.set(copy.size() - 1, MerkleTree.leafHash("an event edited afterwards".getBytes(StandardCharsets.UTF_8)));
    return copy;
  }

  private static byte[] hex(String text) {
    return HEX.parseHex(text);
  }
}
