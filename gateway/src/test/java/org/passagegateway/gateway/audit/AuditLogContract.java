package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AtOnce;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log's storage: appended in the action's transaction, sequenced, checkpointed,
 * verified; tampering found. A test class per database implements this interface.
 */
interface AuditLogContract {

  String ORIGIN = "passage-gateway.org/audit";

  AuditLog log();

  AuditSequencer sequencer();

  AuditVerifier verifier();

  JdbcTemplate jdbc();

  TransactionTemplate transactions();

  @BeforeEach
  default void emptyLog() {
    jdbc().update("delete from psg_audit_event");
    jdbc().update("delete from psg_audit_checkpoint");
    jdbc().update("delete from psg_audit_tile");
    jdbc().update("update psg_audit_head set tree_size = 0 where id = 1");
  }

  @Test
  default void whenEventsAreAppendedAndCheckpointedThenTheLogVerifiesAndProvesInclusionAndConsistency() {
    append(10);
    String first = sequencer().checkpoint();
    append(7);
    String second = sequencer().checkpoint();

    List<NoteKey> keys = jdbc().queryForList("select verifier_key from psg_audit_key", String.class).stream()
        .map(NoteKey::parse).toList();
    Checkpoint ten = SignedNotes.verify(first, keys).map(Checkpoint::parse).orElseThrow();
    Checkpoint seventeen = SignedNotes.verify(second, keys).map(Checkpoint::parse).orElseThrow();
    assertThat(ten.size()).isEqualTo(10);
    assertThat(seventeen.origin()).isEqualTo(ORIGIN);
    assertThat(verifier().verify()).isEqualTo(AuditVerifier.Verification.ok(17));

    List<byte[]> leaves = jdbc().queryForList("select leaf_hash from psg_audit_event order by position", String.class)
        .stream().map(HexFormat.of()::parseHex).toList();
    assertThat(MerkleTree.verifyInclusion(3, 17, leaves.get(3), MerkleTree.inclusionProof(3, leaves), seventeen.rootHash()))
        .isTrue();
    assertThat(MerkleTree.verifyConsistency(10, 17, ten.rootHash(), seventeen.rootHash(),
        MerkleTree.consistencyProof(10, leaves))).isTrue();
    assertThat(jdbc().queryForList("select event from psg_audit_event", String.class))
        .allSatisfy(event -> assertThat(event).contains("\"resourceType\":\"AuditEvent\"").doesNotContain("reasonCode"));
  }

  @Test
  default void whenTheLogIsCheckpointedEmptyAndThenGrowsThenItStillVerifies() {
    sequencer().checkpoint();
    append(3);
    sequencer().checkpoint();
    assertThat(verifier().verify()).isEqualTo(AuditVerifier.Verification.ok(3));
  }

  @Test
  default void whenTheActionRollsBackThenItsEventIsNotInTheLog() {
    transactions().executeWithoutResult(status -> {
      log().append(record(1));
      status.setRollbackOnly();
    });
    assertThat(sequencer().sequence()).isZero();
    assertThat(jdbc().queryForObject("select count(*) from psg_audit_event", Integer.class)).isZero();
  }

  @Test
  default void whenAnEventIsEditedThenVerificationNamesItsPosition() {
    logOf(12);
    jdbc().update("update psg_audit_event set event = replace(event, 'anc-1', 'tb-1') where position = 7");
    assertBad(7, "altered");
  }

  @Test
  default void whenAnEventIsDeletedThenVerificationNamesItsPosition() {
    logOf(12);
    jdbc().update("delete from psg_audit_event where position = 4");
    assertBad(4, "no event");
  }

  @Test
  default void whenTwoEventsAreSwappedThenVerificationNamesTheFirst() {
    logOf(12);
    jdbc().update("update psg_audit_event set position = -1 where position = 2");
    jdbc().update("update psg_audit_event set position = 2 where position = 9");
    jdbc().update("update psg_audit_event set position = 9 where position = -1");
    assertBad(2, "moved");
  }

  @Test
  default void whenTheTailIsTruncatedThenVerificationNamesTheFirstMissingPosition() {
    logOf(12);
    jdbc().update("delete from psg_audit_event where position >= 9");
    assertBad(9, "truncated");
  }

  @Test
  default void whenACheckpointSignatureIsReplacedOrACheckpointIsSignedByAnUnknownKeyThenVerificationFails() {
    logOf(12);
    String note = jdbc().queryForObject("select note from psg_audit_checkpoint where tree_size = 12", String.class);
    Ed25519PrivateKeyParameters stranger = new Ed25519PrivateKeyParameters(new SecureRandom());
    String body = note.substring(0, note.lastIndexOf("\n\n") + 1);
    jdbc().update("update psg_audit_checkpoint set note = ? where tree_size = 12", SignedNotes.sign(body, ORIGIN, stranger));
    assertBad(0, "not validly signed");

    jdbc().update("update psg_audit_checkpoint set note = ? where tree_size = 12", note);
    assertThat(verifier().verify().intact()).isTrue();
    String forged = SignedNotes.sign(new Checkpoint(ORIGIN, 5, MerkleTree.root(List.of())).body(), ORIGIN, stranger);
    jdbc().update("insert into psg_audit_checkpoint (tree_size, root_hash, note, signed_at) values (5, 'x', ?, ?)", forged,
        Timestamp.from(Instant.now()));
    assertBad(0, "not validly signed");
  }

  @Test
  default void whenTheLogIsReSignedWithAKeyOnlyTheDatabaseNamesThenItIsReportedAndNotTrusted() {
    logOf(12);
    String note = jdbc().queryForObject("select note from psg_audit_checkpoint where tree_size = 12", String.class);
    Ed25519PrivateKeyParameters intruder = new Ed25519PrivateKeyParameters(new SecureRandom());
    String intruderKey = new NoteKey(ORIGIN, intruder.generatePublicKey().getEncoded()).verifierKey();
    jdbc().update("insert into psg_audit_key (verifier_key, first_used_at) values (?, ?)", intruderKey,
        Timestamp.from(Instant.now()));
    String body = note.substring(0, note.lastIndexOf("\n\n") + 1);
    jdbc().update("update psg_audit_checkpoint set note = ? where tree_size = 12", SignedNotes.sign(body, ORIGIN, intruder));
    try {
      AuditVerifier.Verification verification = verifier().verify();
      assertThat(verification.intact()).isFalse();
      assertThat(verification.problem()).contains("not given");
      assertThat(verification.untrustedKeys()).containsExactly(intruderKey);
    } finally {
      jdbc().update("update psg_audit_checkpoint set note = ? where tree_size = 12", note);
      jdbc().update("delete from psg_audit_key where verifier_key = ?", intruderKey);
    }
    assertThat(verifier().verify()).isEqualTo(AuditVerifier.Verification.ok(12));
  }

  @Test
  default void whenTwoNodesAppendAndSequenceAtOnceThenThereIsOneLogWithoutGapsOrDuplicates() throws Exception {
    AuditSequencer otherNode = new AuditSequencer(jdbc(), transactions(), ORIGIN,
        new Ed25519PrivateKeyParameters(new SecureRandom()), Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    for (AuditSequencer node : List.of(sequencer(), otherNode)) {
      work.add(pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          append(3);
          node.sequence();
        }
        return null;
      }));
    }
    for (Future<?> job : work) {
      job.get();
    }
    pool.shutdown();
    sequencer().checkpoint();
    otherNode.checkpoint();

    assertThat(jdbc().queryForObject("select count(distinct position) from psg_audit_event", Integer.class)).isEqualTo(300);
    assertThat(jdbc().queryForObject("select max(position) from psg_audit_event", Long.class)).isEqualTo(299L);
    assertThat(verifier().verify()).isEqualTo(AuditVerifier.Verification.ok(300));
  }

  @Test
  default void whenNodesWithOneNewKeyStartTogetherThenEachStartsAndTheKeyIsRecordedOnce() throws Exception {
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    String verifierKey = new NoteKey(ORIGIN, key.generatePublicKey().getEncoded()).verifierKey();
    try {
      AtOnce.run(4, () -> new AuditSequencer(jdbc(), transactions(), ORIGIN, key, Clock.systemUTC()));
      assertThat(jdbc().queryForObject("select count(*) from psg_audit_key where verifier_key = ?", Integer.class,
          verifierKey)).isEqualTo(1);
    } finally {
      jdbc().update("delete from psg_audit_key where verifier_key = ?", verifierKey);
    }
  }

  default void logOf(int events) {
    append(events);
    sequencer().checkpoint();
    assertThat(verifier().verify().intact()).isTrue();
  }

  default void assertBad(long position, String problem) {
    AuditVerifier.Verification verification = verifier().verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBadPosition()).isEqualTo(position);
    assertThat(verification.problem()).contains(problem);
  }

  default void append(int count) {
    transactions().executeWithoutResult(status -> {
      for (int i = 0; i < count; i++) {
        log().append(record(i));
      }
    });
  }

  static AuditRecord record(int i) {
    return new AuditRecord(AuditRecord.Kind.READ, Instant.now(), "demo-site-anc-1", "anc-1", "COC", "client-" + i,
        "ServiceRequest/sr-" + i, null, true, Set.of());
  }
}
