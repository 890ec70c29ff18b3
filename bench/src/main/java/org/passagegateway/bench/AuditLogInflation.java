package org.passagegateway.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A large audit log made in SQL, on PostgreSQL: {@code events} copies of a real read event of the
 * gateway (each for another client, {@code Patient/bench-N}), placed after the log's head and
 * hashed as the sequencer does (position, a newline, the event; RFC 9162 leaf hash), so that the
 * log still verifies.
 */
final class AuditLogInflation {

  private AuditLogInflation() {}

  /** Adds the events (the gateway must have logged a read of Task/task-anc-1 by hr-1); answers the log's new size. */
  static long inflate(Connection sql, int events) throws Exception {
    boolean autoCommit = sql.getAutoCommit();
    sql.setAutoCommit(false);
    String template;
    try (Statement statement = sql.createStatement();
        ResultSet row = statement.executeQuery("select event from psg_audit_event where type_code = 'rest'"
            + " and subtype_code = 'read' and patient_id = 'client-1' order by id desc limit 1")) {
      if (!row.next()) {
        throw new IllegalStateException("no read of client-1 in the log to copy");
      }
      template = row.getString(1);
    }
    long head;
    try (Statement statement = sql.createStatement();
        ResultSet row = statement.executeQuery("select tree_size from psg_audit_head where id = 1 for update")) {
      row.next();
      head = row.getLong(1);
    }
    try (PreparedStatement insert = sql.prepareStatement("insert into psg_audit_event (recorded_at, event, position, leaf_hash,"
        + " type_code, subtype_code, patient_id, agent_org, agent_client, entity_refs, consent_ref, outcome)"
        + " select now(), e, ? + g, encode(sha256('\\x00'::bytea || convert_to((? + g)::text || E'\\n' || e, 'UTF8')), 'hex'),"
        + " 'rest', 'read', 'bench-' || g, 'hr-1', 'demo-site-hr-1', ' Task/task-anc-1 ', null, '0'"
        + " from (select g, replace(?, '\"Patient/client-1\"', '\"Patient/bench-' || g || '\"') as e"
        + " from generate_series(0, ? - 1) g) generated")) {
      insert.setLong(1, head);
      insert.setLong(2, head);
      insert.setString(3, template);
      insert.setInt(4, events);
      insert.executeUpdate();
    }
    try (PreparedStatement update = sql.prepareStatement("update psg_audit_head set tree_size = ? where id = 1")) {
      update.setLong(1, head + events);
      update.executeUpdate();
    }
    sql.commit();
    sql.setAutoCommit(autoCommit);
    return head + events;
  }
}
