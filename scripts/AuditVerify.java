import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Verifies an export of Passage's audit log offline, with nothing but a JDK (17 or later): the
 * events form the RFC 9162 Merkle tree whose roots the checkpoints state, and every checkpoint
 * is a C2SP signed note validly signed by a trusted Ed25519 key.
 *
 * <pre>
 *   java scripts/AuditVerify.java passage-audit-log.zip --key 'passage-gateway.org/audit+1a2b3c4d+AXm...'
 * </pre>
 *
 * Trusted keys come only from {@code --key} (repeatable, at least one), obtained from the gateway's
 * operator out of band. The keys in the export's keys.txt are never trusted (whoever could alter
 * the log could also alter that file): without {@code --key} they are listed and nothing is
 * verified. Exit status 0 when the log verifies, 1 when it does not (the first bad position is
 * printed), 2 for a usage error.
 */
public final class AuditVerify {

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java AuditVerify.java <export.zip> [--key <verifier key>]...");
      System.exit(2);
    }
    List<String> trusted = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--key") && i + 1 < args.length) {
        trusted.add(args[++i]);
      } else {
        System.err.println("unknown argument " + args[i]);
        System.exit(2);
      }
    }
    Export export = Export.read(Path.of(args[0]));
    if (trusted.isEmpty()) {
      System.err.println("give the gateway's verifier key (from its operator) with --key; the export names these keys,"
          + " which are not trusted for being in it:");
      export.keys.forEach(key -> System.err.println("  " + key));
      System.exit(2);
    }
    String problem = verify(export, trusted);
    System.out.println("events: " + export.size() + ", checkpoints: " + export.checkpoints.size());
    if (problem != null) {
      System.out.println("NOT VERIFIED: " + problem);
      System.exit(1);
    }
    long covered = export.checkpoints.isEmpty() ? 0 : export.checkpoints.lastKey();
    System.out.println("VERIFIED: every checkpoint is signed by a trusted key and every event up to position "
        + (covered - 1) + " is in the tree it signed"
        + (export.size() > covered ? "; the last " + (export.size() - covered)
            + " events are not under a checkpoint yet" : ""));
  }

  /** The first problem, or null. */
  static String verify(Export export, List<String> trustedKeys) throws GeneralSecurityException {
    List<Key> keys = new ArrayList<>();
    for (String verifierKey : trustedKeys) {
      keys.add(Key.parse(verifierKey));
    }
    TreeMap<Long, byte[]> roots = new TreeMap<>();
    for (var checkpoint : export.checkpoints.entrySet()) {
      String text = verifiedText(checkpoint.getValue(), keys);
      if (text == null) {
        return "the checkpoint of size " + checkpoint.getKey() + " is not validly signed by a trusted key";
      }
      String[] lines = text.split("\n");
      if (lines.length < 3 || !lines[1].equals(Long.toString(checkpoint.getKey()))) {
        return "the checkpoint file of size " + checkpoint.getKey() + " states another size";
      }
      roots.put(checkpoint.getKey(), Base64.getDecoder().decode(lines[2]));
    }
    if (!roots.isEmpty() && roots.lastKey() > export.size()) {
      return "the log ends at position " + export.size() + ", before the checkpoint of size " + roots.lastKey()
          + " (truncated)";
    }
    Frontier frontier = new Frontier();
    if (roots.containsKey(0L) && !Arrays.equals(roots.get(0L), frontier.root())) {
      return "the checkpoint of the empty log does not have the empty tree's root";
    }
    long lastGood = 0;
    for (int position = 0; position < export.size(); position++) {
      frontier.append(export.leaves.get(position));
      byte[] root = roots.get(frontier.size);
      if (root != null) {
        if (!Arrays.equals(root, frontier.root())) {
          return "the events from position " + lastGood + " to " + position + " do not make the tree the checkpoint of size "
              + frontier.size + " signed (first bad position: " + lastGood + " or later)";
        }
        lastGood = frontier.size;
      }
    }
    return null;
  }

  /** The note's text if a trusted key signed it and no trusted key's signature on it fails. */
  static String verifiedText(String note, List<Key> keys) throws GeneralSecurityException {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      return null;
    }
    String text = note.substring(0, split + 1);
    boolean verified = false;
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        return null;
      }
      String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
      if (parts.length != 2) {
        return null;
      }
      byte[] withId = Base64.getDecoder().decode(parts[1]);
      for (Key key : keys) {
        if (key.name.equals(parts[0]) && Arrays.equals(key.id, Arrays.copyOf(withId, 4))) {
          Signature ed25519 = Signature.getInstance("Ed25519");
          ed25519.initVerify(key.publicKey);
          ed25519.update(text.getBytes(StandardCharsets.UTF_8));
          if (!ed25519.verify(Arrays.copyOfRange(withId, 4, withId.length))) {
            return null;
          }
          verified = true;
        }
      }
    }
    return verified ? text : null;
  }

  /** One digest for the tree's nodes (the verifier runs on one thread). */
  private static MessageDigest nodeDigest;

  static byte[] nodeHash(byte[] left, byte[] right) throws GeneralSecurityException {
    if (nodeDigest == null) {
      nodeDigest = MessageDigest.getInstance("SHA-256");
    }
    MessageDigest sha256 = nodeDigest;
    sha256.update((byte) 1);
    sha256.update(left);
    return sha256.digest(right);
  }

  /** The right edge of an RFC 9162 tree being built leaf by leaf: one subtree root per set bit of its size. */
  static final class Frontier {
    private final List<byte[]> stack = new ArrayList<>();
    private long size;

    void append(byte[] leaf) throws GeneralSecurityException {
      byte[] node = leaf;
      long n = size;
      while ((n & 1) == 1) {
        node = nodeHash(stack.remove(stack.size() - 1), node);
        n >>= 1;
      }
      stack.add(node);
      size++;
    }

    byte[] root() throws GeneralSecurityException {
      if (stack.isEmpty()) {
        return MessageDigest.getInstance("SHA-256").digest(new byte[0]);
      }
      byte[] root = stack.get(stack.size() - 1);
      for (int i = stack.size() - 2; i >= 0; i--) {
        root = nodeHash(stack.get(i), root);
      }
      return root;
    }
  }

  /** A C2SP verifier key: name+keyid+base64(0x01 || Ed25519 public key). */
  static final class Key {
    final String name;
    final byte[] id;
    final PublicKey publicKey;

    private Key(String name, byte[] id, PublicKey publicKey) {
      this.name = name;
      this.id = id;
      this.publicKey = publicKey;
    }

    static Key parse(String verifierKey) throws GeneralSecurityException {
      String[] parts = verifierKey.split("\\+", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException("a verifier key is name+keyid+key: " + verifierKey);
      }
      byte[] typed = Base64.getDecoder().decode(parts[2]);
      if (typed.length != 33 || typed[0] != 1) {
        throw new IllegalArgumentException("only Ed25519 verifier keys are supported");
      }
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(parts[0].getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      byte[] id = Arrays.copyOf(sha256.digest(typed), 4);
      if (!HexFormat.of().formatHex(id).equals(parts[1])) {
        throw new IllegalArgumentException("the verifier key's ID does not match its name and key");
      }
      byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100");
      byte[] encoded = Arrays.copyOf(x509, x509.length + 32);
      System.arraycopy(typed, 1, encoded, x509.length, 32);
      return new Key(parts[0], id, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded)));
    }
  }

  /**
   * The contents of an export zip, read as a stream: each event's leaf hash is computed as its line
   * is read (its position, a newline and the line's bytes as stored), so a log of millions of
   * events is never held in memory, only its 32-byte leaves.
   */
  static final class Export {
    final List<byte[]> leaves = new ArrayList<>();
    final TreeMap<Long, String> checkpoints = new TreeMap<>();
    final List<String> keys = new ArrayList<>();

    int size() {
      return leaves.size();
    }

    static Export read(Path zip) throws IOException, GeneralSecurityException {
      Export export = new Export();
      try (InputStream file = Files.newInputStream(zip);
          ZipInputStream entries = new ZipInputStream(new java.io.BufferedInputStream(file, 1 << 16), StandardCharsets.UTF_8)) {
        for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
          if (entry.getName().equals("events.ndjson")) {
            export.hashLines(entries);
            continue;
          }
          String content = new String(readAll(entries), StandardCharsets.UTF_8);
          if (entry.getName().startsWith("checkpoints/") && entry.getName().endsWith(".note")) {
            String size = entry.getName().substring("checkpoints/".length(), entry.getName().length() - ".note".length());
            export.checkpoints.put(Long.parseLong(size), content);
          } else if (entry.getName().equals("keys.txt")) {
            content.lines().filter(line -> !line.isBlank()).forEach(export.keys::add);
          }
        }
      }
      return export;
    }

    /** Hashes each non-empty line of the events file into the leaf of the next position. */
    private void hashLines(InputStream in) throws IOException, GeneralSecurityException {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      boolean lineStarted = false;
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        int from = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] != '\n') {
            continue;
          }
          if (lineStarted || i > from) {
            if (!lineStarted) {
              begin(sha256);
            }
            sha256.update(buffer, from, i - from);
            leaves.add(sha256.digest());
          }
          lineStarted = false;
          from = i + 1;
        }
        if (from < read) {
          if (!lineStarted) {
            begin(sha256);
            lineStarted = true;
          }
          sha256.update(buffer, from, read - from);
        }
      }
      if (lineStarted) {
        leaves.add(sha256.digest());
      }
    }

    /** A leaf's hash begins with RFC 9162's leaf prefix, the entry's position and a newline. */
    private void begin(MessageDigest sha256) {
      sha256.update((byte) 0);
      sha256.update((leaves.size() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
