package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends audit events. Called inside the transaction of the action it records, so the event
 * commits with the action or not at all: the events of one transaction are written together,
 * in one JDBC batch, just before it commits. Outside a transaction an event is written at once, in
 * a transaction of its own with the rows naming its resources.
 * Its place in the Merkle tree is given later by the {@link AuditSequencer}, once committed.
 */
public final class AuditLog {

  private static final String INSERT = "insert into psg_audit_event (recorded_at, event, " + AuditColumns.COLUMNS
      + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_ENTITY = "insert into psg_audit_entity (event_id, entity_ref) values (?, ?)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final FhirContext fhir;

  private final boolean recorded;

  AuditLog(JdbcTemplate jdbc, TransactionTemplate transactions, FhirContext fhir, boolean recorded) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.fhir = fhir;
    this.recorded = recorded;
  }

  /** Records one event, in the caller's transaction. */
  public void append(AuditRecord record) {
    if (!recorded) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      appendAll(List.of(record));
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

  /**
   * Records events at once, in one batch, with the rows of the resources they name (for reads,
   * which run in no transaction of their own, in one transaction of its own).
   */
  public void appendAll(List<AuditRecord> records) {
    if (records.isEmpty() || !recorded) {
      return;
    }
    IParser parser = fhir.newJsonParser().setPrettyPrint(false);
    List<Object[]> rows = new ArrayList<>(records.size());
    List<List<String>> entities = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      AuditEvent event = BalpEvents.toAuditEvent(record);
      AuditColumns columns = AuditColumns.of(event);
      Object[] values = columns.values();
      Object[] row = new Object[2 + values.length];
      row[0] = Timestamp.from(record.recorded());
      row[1] = parser.encodeResourceToString(event);
      System.arraycopy(values, 0, row, 2, values.length);
      rows.add(row);
      entities.add(columns.entities());
    }
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      insert(rows, entities);
    } else {
      transactions.executeWithoutResult(status -> insert(rows, entities));
    }
  }

  private void insert(List<Object[]> rows, List<List<String>> entities) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.batchUpdate(connection -> connection.prepareStatement(INSERT, new String[] {"id"}),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement statement, int i) throws SQLException {
            Object[] row = rows.get(i);
            for (int column = 0; column < row.length; column++) {
              statement.setObject(column + 1, row[column]);
            }
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        }, keys);
    List<Map<String, Object>> ids = keys.getKeyList();
    if (ids.size() != rows.size()) {
      throw new IllegalStateException("the database returned " + ids.size() + " ids for " + rows.size() + " audit events");
    }
    List<Object[]> named = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      long id = ((Number) ids.get(i).values().iterator().next()).longValue();
      for (String entity : entities.get(i)) {
        named.add(new Object[] {id, entity});
      }
    }
    if (!named.isEmpty()) {
      jdbc.batchUpdate(INSERT_ENTITY, named);
    }
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
