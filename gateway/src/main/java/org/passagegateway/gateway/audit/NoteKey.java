package org.passagegateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The public half of a C2SP signed-note key: an Ed25519 key under a name. Its key ID (the first
 * four bytes of SHA-256 of name, newline, the algorithm byte 0x01 and the public key) prefixes
 * every signature it makes; its verifier key string ({@code name+hexid+base64(0x01||key)}) is
 * what standard note tooling is given to check them.
 */
public record NoteKey(String name, byte[] publicKey) {

  static final byte ED25519 = 0x01;

  public NoteKey {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
      throw new IllegalArgumentException("a note key name is non-empty, without spaces or '+'");
    }
    if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The four-byte key ID. */
  public byte[] keyId() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(ED25519);
      return Arrays.copyOf(sha256.digest(publicKey), 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The verifier key string, for example {@code passage-gateway.org/audit+1a2b3c4d+AXm...}. */
  public String verifierKey() {
    byte[] typed = new byte[1 + publicKey.length];
    typed[0] = ED25519;
    System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
    return name + "+" + HexFormat.of().formatHex(keyId()) + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /** Reads a verifier key string, checking that its key ID matches its name and key. */
  public static NoteKey parse(String verifierKey) {
    String[] parts = verifierKey.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a verifier key is name+keyid+key");
    }
    byte[] typed = Base64.getDecoder().decode(parts[2]);
    if (typed.length != 33 || typed[0] != ED25519) {
      throw new IllegalArgumentException("only Ed25519 verifier keys are supported");
    }
    NoteKey key = new NoteKey(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
    if (!HexFormat.of().formatHex(key.keyId()).equals(parts[1])) {
      throw new IllegalArgumentException("the verifier key's ID does not match its name and key");
    }
    return key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteKey that && name.equals(that.name) && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(publicKey));
  }

  @Override
  public String toString() {
    return verifierKey();
  }
}
