package org.passagegateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed audit events their positions in the log and signs checkpoints. Each run holds
 * the lock of the one head row for its transaction, so runs on different nodes take turns: the
 * log has one order, no gaps and no position twice. Events are taken in the order of their ids
 * among those committed when the run starts; one that commits later simply gets a later position.
 */
public final class AuditSequencer {

  private static final Logger log = LoggerFactory.getLogger(AuditSequencer.class);

  private static final int BATCH = 1000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final String origin;
  private final Ed25519PrivateKeyParameters key;
  private final Clock clock;
  private final AuditTiles tiles;

  AuditSequencer(JdbcTemplate jdbc, TransactionTemplate transactions, String origin, Ed25519PrivateKeyParameters key,
      Clock clock) {
    this.jdbc = jdbc;
    this.tiles = new AuditTiles(jdbc);
    this.transactions = transactions;
    this.origin = origin;
    this.key = key;
    this.clock = clock;
    NoteKey noteKey = new NoteKey(origin, key.generatePublicKey().getEncoded());
    // Not a secret: what an operator hands auditors to verify checkpoints with (--key, trusted-keys).
    log.info("Audit checkpoints are signed with the key whose verifier key is {}", noteKey.verifierKey());
    transactions.executeWithoutResult(status -> {
      // Under the head's lock: nodes starting together with one key would otherwise each find
      // it unrecorded, and all but one fail on the second insert.
      long size = lockHead();
      if (jdbc.queryForObject("select count(*) from psg_audit_key where verifier_key = ?", Integer.class,
          noteKey.verifierKey()) == 0) {
        jdbc.update("insert into psg_audit_key (verifier_key, first_used_at) values (?, ?)", noteKey.verifierKey(),
            Timestamp.from(clock.instant()));
      }
      // A log sequenced before the tree was kept in tiles gets its tiles now, once.
      tiles.complete(size);
    });
  }

  /** The log's tree of {@code size} leaves, read from its tiles as needed. */
  MerkleProofs tree(long size) {
    return tiles.tree(size);
  }

  /** Sequences every event committed so far; answers how many it placed. */
  public int sequence() {
    int placed = 0;
    int batch;
    do {
      batch = transactions.execute(status -> sequenceBatch());
      placed += batch;
    } while (batch == BATCH);
    return placed;
  }

  /** Sequences what is committed, then signs a checkpoint of the whole log (unless one of that size exists); answers its note. */
  public String checkpoint() {
    sequence();
    return transactions.execute(status -> {
      long size = lockHead();
      List<String> existing = jdbc.queryForList("select note from psg_audit_checkpoint where tree_size = ?", String.class, size);
      if (!existing.isEmpty()) {
        return existing.get(0);
      }
      // Positions placed without their tiles (a log from before tiles, or events added in SQL)
      // get them first: a few counts when nothing is missing.
      tiles.complete(size);
      byte[] root = tiles.tree(size).root();
      String note = SignedNotes.sign(new Checkpoint(origin, size, root).body(), origin, key);
      jdbc.update("insert into psg_audit_checkpoint (tree_size, root_hash, note, signed_at) values (?, ?, ?, ?)", size,
          HexFormat.of().formatHex(root), note, Timestamp.from(clock.instant()));
      return note;
    });
  }

  private int sequenceBatch() {
    long first = lockHead();
    long next = first;
    List<Map<String, Object>> events = jdbc.queryForList(
        "select id, event from psg_audit_event where position is null order by id fetch first " + BATCH + " rows only");
    for (Map<String, Object> event : events) {
      byte[] leaf = MerkleTree.leafHash(entry(next, text(event.get("event"))));
      jdbc.update("update psg_audit_event set position = ?, leaf_hash = ? where id = ?", next++,
          HexFormat.of().formatHex(leaf), ((Number) event.get("id")).longValue());
    }
    tiles.extend(first, next);
    jdbc.update("update psg_audit_head set tree_size = ? where id = 1", next);
    return events.size();
  }

  private long lockHead() {
    return jdbc.queryForObject("select tree_size from psg_audit_head where id = 1 for update", Long.class);
  }

  /**
   * The bytes of a log entry: its position, a newline and the event. An entry states where it
   * stands, so an event moved to another position no longer hashes to a leaf there.
   */
  static byte[] entry(long position, String event) {
    return (position + "\n" + event).getBytes(StandardCharsets.UTF_8);
  }

  static String text(Object clob) {
    try {
      return clob instanceof java.sql.Clob c ? c.getSubString(1, (int) c.length()) : (String) clob;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read an audit event", e);
    }
  }
}
