package org.passagegateway.gateway.audit;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks the whole audit log against its signed checkpoints in one pass: every checkpoint must
 * be signed by a key the gateway has used, positions must run from 0 without a gap, every
 * event's leaf hash must be the hash of its stored text, and the tree head at every checkpoint's
 * size must be the one it signed. Names the first position that does not verify.
 */
public final class AuditVerifier {

  private final JdbcTemplate jdbc;
  private final List<NoteKey> trusted;

  /**
   * @param trusted the keys whose checkpoints are trusted: the gateway's own and those it was
   *     given (never keys read from the database it verifies, which whoever can write it could add)
   */
  AuditVerifier(JdbcTemplate jdbc, List<NoteKey> trusted) {
    this.jdbc = jdbc;
    this.trusted = List.copyOf(trusted);
  }

  /**
   * The outcome of a verification.
   *
   * @param intact whether everything verified
   * @param size the number of events read
   * @param firstBadPosition the first position that does not verify, or -1 when intact
   * @param problem what is wrong there, or null
   * @param untrustedKeys a key found in the database that signed a checkpoint but was not given to
   *     the gateway (reported, never trusted)
   */
  public record Verification(boolean intact, long size, long firstBadPosition, String problem, List<String> untrustedKeys) {
    public Verification {
      untrustedKeys = List.copyOf(untrustedKeys);
    }

    static Verification ok(long size) {
      return new Verification(true, size, -1, null, List.of());
    }

    static Verification bad(long size, long position, String problem) {
      return new Verification(false, size, position, problem, List.of());
    }

    Verification reporting(Collection<String> untrusted) {
      return new Verification(intact, size, firstBadPosition, problem, List.copyOf(untrusted));
    }
  }

  /** Verifies the whole log. */
  public Verification verify() {
    return verify(0, Long.MAX_VALUE);
  }

  /**
   * Verifies the events at positions {@code from} (inclusive) to {@code to} (exclusive) against
   * every signed checkpoint up to {@code to}: each event hashes to its leaf, states its position,
   * and has search columns that say what it says; the leaves make the roots the checkpoints signed.
   * Events before {@code from} contribute their stored leaf hashes (a range is checked against the
   * checkpoints, which fix every leaf before it too).
   */
  public Verification verify(long from, long to) {
    List<NoteKey> recorded = jdbc.queryForList("select verifier_key from psg_audit_key", String.class).stream()
        .map(NoteKey::parse).filter(key -> !trusted.contains(key)).toList();
    Deque<Checkpoint> checkpoints = new ArrayDeque<>();
    Set<String> untrusted = new TreeSet<>();
    long verifiedUpTo = 0;
    for (String note : jdbc.queryForList("select note from psg_audit_checkpoint order by tree_size", String.class)) {
      Optional<Checkpoint> checkpoint = SignedNotes.verify(note, trusted).map(Checkpoint::parse);
      if (checkpoint.isEmpty()) {
        Optional<NoteKey> signer = recorded.stream().filter(key -> SignedNotes.verify(note, List.of(key)).isPresent())
            .findFirst();
        if (signer.isPresent()) {
          // Signed by a key only the database names, which whoever can write the database could have
          // put there: reported, and never relied on.
          untrusted.add(signer.get().verifierKey());
          return Verification.bad(0, verifiedUpTo, "a checkpoint is signed by a key this gateway was not given"
              + " (passage.audit.trusted-keys lists earlier keys to trust)").reporting(untrusted);
        }
        return Verification.bad(0, verifiedUpTo, "a checkpoint is not validly signed by a key this gateway was given")
            .reporting(untrusted);
      }
      checkpoints.add(checkpoint.get());
      verifiedUpTo = checkpoint.get().size();
    }
    checkpoints.removeIf(checkpoint -> checkpoint.size() > to);
    Walk walk = new Walk(checkpoints);
    AuditRows.stream(jdbc, "select position, leaf_hash from psg_audit_event where position is not null and position < ?"
        + " order by position",
        row -> {
          walk.trusted(row.getLong(1), row.getString(2));
        }, from);
    // Each event's hash and columns are checked by two threads a block at a time while the next
    // block is read; the leaves are then appended in order, one by one.
    ExecutorService checkers = Executors.newFixedThreadPool(2);
    try {
      Deque<Future<List<Checked>>> inFlight = new ArrayDeque<>();
      List<Row> block = new ArrayList<>(BLOCK);
      AuditRows.stream(jdbc, "select position, event, leaf_hash, " + AuditColumns.COLUMNS + " from psg_audit_event"
          + " where position >= ? and position < ? order by position",
          row -> {
            Object[] columns = new Object[8];
            for (int i = 0; i < columns.length; i++) {
              columns[i] = row.getString(4 + i);
            }
            block.add(new Row(row.getLong(1), AuditSequencer.text(row.getObject(2)), row.getString(3), columns));
            if (block.size() == BLOCK) {
              inFlight.add(checkers.submit(check(List.copyOf(block))));
              block.clear();
              while (inFlight.size() > 4) {
                walk.next(join(inFlight.poll()));
              }
            }
          }, from, to);
      inFlight.add(checkers.submit(check(List.copyOf(block))));
      while (!inFlight.isEmpty()) {
        walk.next(join(inFlight.poll()));
      }
    } finally {
      checkers.shutdownNow();
    }
    return walk.result();
  }

  private static final int BLOCK = 1_000;

  /** An event as read. */
  private record Row(long position, String event, String leafHash, Object[] columns) {}

  /** An event checked on its own: its leaf, whether the stored leaf hash is it, whether its columns say what it says. */
  private record Checked(long position, byte[] leaf, boolean leafStored, boolean columnsMatch) {}

  private static Callable<List<Checked>> check(List<Row> rows) {
    return () -> {
      List<Checked> checked = new ArrayList<>(rows.size());
      for (Row row : rows) {
        byte[] leaf = MerkleTree.leafHash(AuditSequencer.entry(row.position(), row.event()));
        checked.add(new Checked(row.position(), leaf, HexFormat.of().formatHex(leaf).equals(row.leafHash()),
            AuditColumns.of(row.event()).matches(row.columns())));
      }
      return checked;
    };
  }

  private static List<Checked> join(Future<List<Checked>> checked) {
    try {
      return checked.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("verification interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an event could not be checked", e.getCause());
    }
  }

  /** The state of one pass over the log. */
  private static final class Walk {
    private final Deque<Checkpoint> checkpoints;
    private final MerkleFrontier frontier = new MerkleFrontier();
    private long lastCheckpointSize;
    private Verification failure;

    Walk(Deque<Checkpoint> checkpoints) {
      this.checkpoints = checkpoints;
      while (!checkpoints.isEmpty() && checkpoints.peek().size() == 0) {
        if (!MessageDigest.isEqual(checkpoints.poll().rootHash(), frontier.root())) {
          failure = Verification.bad(0, 0, "the checkpoint of the empty log does not have the empty tree's root");
        }
      }
    }

    /** An event before the range: its stored leaf hash, checked only against the checkpoints. */
    void trusted(long position, String leafHash) {
      if (failure != null) {
        return;
      }
      if (position != frontier.size() || leafHash == null) {
        failure = Verification.bad(frontier.size(), frontier.size(), "no event at this position (deleted, or events reordered)");
        return;
      }
      append(HexFormat.of().parseHex(leafHash));
    }

    void next(List<Checked> block) {
      for (Checked event : block) {
        if (failure != null) {
          return;
        }
        long expected = frontier.size();
        if (event.position() != expected) {
          failure = Verification.bad(expected, expected, "no event at this position (deleted, or events reordered)");
          return;
        }
        if (!event.leafStored()) {
          failure = Verification.bad(expected, expected, "the event does not hash to its leaf here (altered or moved)");
          return;
        }
        if (!event.columnsMatch()) {
          failure = Verification.bad(expected, expected, "the event's search columns do not say what the event says");
          return;
        }
        append(event.leaf());
      }
    }

    private void append(byte[] leaf) {
      frontier.append(leaf);
      while (!checkpoints.isEmpty() && checkpoints.peek().size() == frontier.size()) {
        Checkpoint checkpoint = checkpoints.poll();
        if (!MessageDigest.isEqual(checkpoint.rootHash(), frontier.root())) {
          failure = Verification.bad(frontier.size(), lastCheckpointSize, "the events from this position to "
              + (checkpoint.size() - 1) + " do not make the tree the checkpoint of size " + checkpoint.size() + " signed");
          return;
        }
        lastCheckpointSize = checkpoint.size();
      }
    }

    Verification result() {
      if (failure != null) {
        return failure;
      }
      if (!checkpoints.isEmpty()) {
        return Verification.bad(frontier.size(), frontier.size(),
            "the log ends before the checkpoint of size " + checkpoints.peek().size() + " (truncated)");
      }
      return Verification.ok(frontier.size());
    }
  }
}
