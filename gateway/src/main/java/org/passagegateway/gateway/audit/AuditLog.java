package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends audit events. Called inside the transaction of the action it records, so the event
 * commits with the action or not at all: the events of one transaction are written together,
 * in one JDBC batch, just before it commits. Outside a transaction an event is written at once.
 * Its place in the Merkle tree is given later by the {@link AuditSequencer}, once committed.
 */
public final class AuditLog {

  private static final String INSERT = "insert into psg_audit_event (recorded_at, event, " + AuditColumns.COLUMNS
      + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final FhirContext fhir;

  private final boolean recorded;

  AuditLog(JdbcTemplate jdbc, FhirContext fhir, boolean recorded) {
    this.jdbc = jdbc;
    this.fhir = fhir;
    this.recorded = recorded;
  }

  /** Records one event, in the caller's transaction. */
  public void append(AuditRecord record) {
    if (!recorded) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      jdbc.update(INSERT, row(fhir.newJsonParser(), record));
      return;
    }
    Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      pending = new Pending();
      TransactionSynchronizationManager.bindResource(this, pending);
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    pending.records.add(record);
  }

  /** Records events at once, in one batch (for reads, which run in no transaction of their own). */
  public void appendAll(List<AuditRecord> records) {
    if (records.isEmpty() || !recorded) {
      return;
    }
    IParser parser = fhir.newJsonParser();
    List<Object[]> rows = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      rows.add(row(parser, record));
    }
    jdbc.batchUpdate(INSERT, rows);
  }

  /** The event as stored: when, the AuditEvent, and its search columns. */
  private static Object[] row(IParser parser, AuditRecord record) {
    String event = parser.setPrettyPrint(false).encodeResourceToString(BalpEvents.toAuditEvent(record));
    // Derived from the text stored, as the verifier derives them again.
    Object[] columns = AuditColumns.of(event).values();
    Object[] row = new Object[2 + columns.length];
    row[0] = Timestamp.from(record.recorded());
    row[1] = event;
    System.arraycopy(columns, 0, row, 2, columns.length);
    return row;
  }

  /** The events of one transaction, written just before it commits. */
  private final class Pending implements TransactionSynchronization {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      appendAll(records);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
    }
  }
}
