package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends audit events. Called inside the transaction of the action it records, so the event
 * commits with the action or not at all; its place in the Merkle tree is given later by the
 * {@link AuditSequencer}, once it is committed.
 */
public final class AuditLog {

  private final JdbcTemplate jdbc;
  private final FhirContext fhir;

  AuditLog(JdbcTemplate jdbc, FhirContext fhir) {
    this.jdbc = jdbc;
    this.fhir = fhir;
  }

  /** Records one event, in the caller's transaction. */
  public void append(AuditRecord record) {
    String event = fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(BalpEvents.toAuditEvent(record));
    jdbc.update("insert into psg_audit_event (recorded_at, event) values (?, ?)", Timestamp.from(record.recorded()), event);
  }
}
