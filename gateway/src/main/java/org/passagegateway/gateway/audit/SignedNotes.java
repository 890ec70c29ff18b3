package org.passagegateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * C2SP signed notes with Ed25519 (Bouncy Castle): a text ending in a newline, a blank line, then
 * one line per signature, {@code — name base64(keyid || signature)}. A note may carry signatures
 * by several keys, which is how a key rotation keeps old checkpoints verifiable: a verifier that
 * knows the old key checks the old signature.
 */
public final class SignedNotes {

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  private SignedNotes() {}

  /** The note of {@code text} signed by the key. */
  public static String sign(String text, String keyName, Ed25519PrivateKeyParameters privateKey) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("a note's text ends with a newline");
    }
    NoteKey key = new NoteKey(keyName, privateKey.generatePublicKey().getEncoded());
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    byte[] signature = signer.generateSignature();
    byte[] withId = new byte[4 + signature.length];
    System.arraycopy(key.keyId(), 0, withId, 0, 4);
    System.arraycopy(signature, 0, withId, 4, signature.length);
    return text + "\n" + SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(withId) + "\n";
  }

  /**
   * The note's text, if at least one of its signatures is a valid signature by one of the known
   * keys; signatures by unknown keys are ignored, a signature by a known key that does not verify
   * makes the whole note invalid.
   */
  public static Optional<String> verify(String note, Collection<NoteKey> knownKeys) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      return Optional.empty();
    }
    String text = note.substring(0, split + 1);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    boolean verified = false;
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        return Optional.empty();
      }
      String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
      if (parts.length != 2) {
        return Optional.empty();
      }
      byte[] withId;
      try {
        withId = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException notBase64) {
        return Optional.empty();
      }
      if (withId.length < 5) {
        return Optional.empty();
      }
      byte[] id = Arrays.copyOf(withId, 4);
      List<NoteKey> matching = new ArrayList<>();
      knownKeys.stream().filter(k -> k.name().equals(parts[0]) && Arrays.equals(k.keyId(), id)).forEach(matching::add);
      for (NoteKey key : matching) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey(), 0));
        verifier.update(message, 0, message.length);
        if (!verifier.verifySignature(Arrays.copyOfRange(withId, 4, withId.length))) {
          return Optional.empty();
        }
        verified = true;
      }
    }
    return verified ? Optional.of(text) : Optional.empty();
  }
}
