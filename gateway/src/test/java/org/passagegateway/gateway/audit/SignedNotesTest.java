package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class SignedNotesTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The example of Go's golang.org/x/mod/sumdb/note package documentation: standard tooling's format. */
  @Test
  void whenANoteSignedByGoToolingIsReadThenItsSignatureVerifies() {
    NoteKey key = NoteKey.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    String note = "If you think cryptography is the answer to your problem,\n"
        + "then you don't know what your problem is.\n"
        + "\n"
        + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    assertThat(SignedNotes.verify(note, List.of(key))).hasValue(
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n");
    assertThat(SignedNotes.verify(note.replace("cryptography", "cryptograph"), List.of(key))).isEmpty();
  }

  @Test
  void whenACheckpointIsSignedThenItVerifiesWithTheKeyAndNotWhenAlteredOrWithAnotherKey() {
    Ed25519PrivateKeyParameters gatewayKey = new Ed25519PrivateKeyParameters(RANDOM);
    NoteKey verifier = new NoteKey("passage-gateway.org/audit", gatewayKey.generatePublicKey().getEncoded());
    Checkpoint checkpoint = new Checkpoint("passage-gateway.org/audit", 8,
        MerkleTree.root(List.of(MerkleTree.leafHash(new byte[] {1}))));

    String note = SignedNotes.sign(checkpoint.body(), "passage-gateway.org/audit", gatewayKey);

    assertThat(note).startsWith("passage-gateway.org/audit\n8\n").contains("\n\n\u2014 passage-gateway.org/audit ");
    assertThat(SignedNotes.verify(note, List.of(verifier)).map(Checkpoint::parse)).hasValue(checkpoint);
    assertThat(SignedNotes.verify(note.replace("\n8\n", "\n9\n"), List.of(verifier))).isEmpty();
    NoteKey stranger = new NoteKey("passage-gateway.org/audit",
        new Ed25519PrivateKeyParameters(RANDOM).generatePublicKey().getEncoded());
    assertThat(SignedNotes.verify(note, List.of(stranger))).isEmpty();
    assertThat(NoteKey.parse(verifier.verifierKey())).isEqualTo(verifier);
  }

  @Test
  void whenTheKeyIsRotatedThenANoteSignedByTheOldKeyStillVerifiesWithTheOldVerifierKey() {
    Ed25519PrivateKeyParameters old = new Ed25519PrivateKeyParameters(RANDOM);
    Ed25519PrivateKeyParameters current = new Ed25519PrivateKeyParameters(RANDOM);
    NoteKey oldKey = new NoteKey("passage-gateway.org/audit", old.generatePublicKey().getEncoded());
    NoteKey currentKey = new NoteKey("passage-gateway.org/audit", current.generatePublicKey().getEncoded());
    String before = SignedNotes.sign("passage-gateway.org/audit\n3\n" + base64Root() + "\n", oldKey.name(), old);
    String after = SignedNotes.sign("passage-gateway.org/audit\n5\n" + base64Root() + "\n", currentKey.name(), current);

    List<NoteKey> known = List.of(oldKey, currentKey);
    assertThat(SignedNotes.verify(before, known)).isPresent();
    assertThat(SignedNotes.verify(after, known)).isPresent();
    assertThat(SignedNotes.verify(before, List.of(currentKey))).isEmpty();
  }

  @Test
  void whenAVerifierKeyDoesNotMatchItsIdOrACheckpointIsMalformedThenTheyAreRefused() {
    NoteKey key = new NoteKey("passage", new Ed25519PrivateKeyParameters(RANDOM).generatePublicKey().getEncoded());
    String wrongId = key.verifierKey().replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
    assertThatThrownBy(() -> NoteKey.parse(wrongId)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.parse("origin\n-1\n" + base64Root() + "\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.parse("origin\n1\n" + base64Root())).isInstanceOf(IllegalArgumentException.class);
  }

  private static String base64Root() {
    return java.util.Base64.getEncoder().encodeToString(MerkleTree.root(List.of()));
  }
}
