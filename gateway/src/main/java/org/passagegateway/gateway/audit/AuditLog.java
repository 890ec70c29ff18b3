package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
      jdbc.execute((ConnectionCallback<Void>) connection -> insert(connection, rows, entities));
      return;
    }
    // A read's events and the rows naming their resources commit together, on a connection of
    // their own (no ORM session is needed for two batches).
    jdbc.execute((ConnectionCallback<Void>) connection -> {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        insert(connection, rows, entities);
        connection.commit();
      } catch (SQLException | RuntimeException failure) {
        connection.rollback();
        throw failure;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      return null;
    });
  }

  private static Void insert(Connection connection, List<Object[]> rows, List<List<String>> entities) throws SQLException {
    long[] ids = new long[rows.size()];
    try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
      for (Object[] row : rows) {
        for (int column = 0; column < row.length; column++) {
          insert.setObject(column + 1, row[column]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        int i = 0;
        while (keys.next()) {
          if (i == ids.length) {
            throw new SQLException("the database returned more ids than audit events");
          }
          ids[i++] = keys.getLong(1);
        }
        if (i != ids.length) {
          throw new SQLException("the database returned " + i + " ids for " + ids.length + " audit events");
        }
      }
    }
    boolean named = false;
    try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTITY)) {
      for (int i = 0; i < ids.length; i++) {
        for (String entity : entities.get(i)) {
          insert.setLong(1, ids[i]);
          insert.setString(2, entity);
          insert.addBatch();
          named = true;
        }
      }
      if (named) {
        insert.executeBatch();
      }
    }
    return null;
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
