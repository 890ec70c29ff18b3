package org.passagegateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives events written before the log had search columns (Liquibase 0007) their columns, derived
 * from each event, at start-up. Columns are only ever derived from the event, so this writes
 * nothing an event does not say.
 */
final class AuditColumnsBackfill implements ApplicationRunner {

  private final JdbcTemplate jdbc;

  AuditColumnsBackfill(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<Object[]> rows = new ArrayList<>();
    jdbc.query("select id, event from psg_audit_event where type_code is null", row -> {
      Object[] columns = AuditColumns.of(AuditSequencer.text(row.getObject(2))).values();
      Object[] update = new Object[columns.length + 1];
      System.arraycopy(columns, 0, update, 0, columns.length);
      update[columns.length] = row.getLong(1);
      rows.add(update);
    });
    if (!rows.isEmpty()) {
      jdbc.batchUpdate("update psg_audit_event set type_code = ?, subtype_code = ?, patient_id = ?, agent_org = ?,"
          + " agent_client = ?, entity_refs = ?, consent_ref = ?, outcome = ? where id = ?", rows);
    }
  }
}
