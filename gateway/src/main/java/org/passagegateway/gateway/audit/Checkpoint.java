package org.passagegateway.gateway.audit;

import java.util.Base64;
import java.util.Objects;

/**
 * A log checkpoint in the C2SP tlog-checkpoint format: the log's origin, its size and its root
 * hash, one per line, each line ending in a newline. This text is what a signed note signs.
 *
 * @param origin the log's unique name (for Passage: the gateway's origin, such as {@code passage-gateway.org/audit})
 * @param size the number of entries in the tree
 * @param rootHash the RFC 9162 tree head of those entries
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
    }
    if (size < 0 || rootHash.length != MerkleTree.HASH_LENGTH) {
      throw new IllegalArgumentException("a checkpoint has a size of at least 0 and a 32-byte root hash");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The checkpoint's text: origin, size and base64 root hash, one per line. */
  public String body() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /** Reads a checkpoint's text (extension lines after the third are allowed and ignored). */
  public static Checkpoint parse(String body) {
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("a checkpoint ends with a newline");
    }
    String[] lines = body.split("\n", -1);
    if (lines.length < 4) {
      throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash line");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("a checkpoint's size is a decimal number");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
        && java.util.Arrays.equals(rootHash, that.rootHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, java.util.Arrays.hashCode(rootHash));
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", " + size + ", " + MerkleTree.hex(rootHash) + "]";
  }
}
