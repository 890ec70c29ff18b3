package org.passagegateway.gateway.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;
import org.passagegateway.gateway.security.CallerAuthentication;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /audit/export}, for auditors: the sequenced log and its checkpoints as a zip that
 * {@code scripts/audit-verify} checks offline, with nothing but a JDK.
 *
 * <ul>
 *   <li>{@code events.ndjson}: each event as the log holds it, one per line, line N being the
 *       event at position N (its Merkle leaf is SHA-256 of 0x00, "N", a newline and the line);
 *   <li>{@code checkpoints/<tree size>.note}: each signed checkpoint (C2SP signed note);
 *   <li>{@code keys.txt}: the verifier keys the gateway recorded (an auditor should rather give
 *       the verifier the keys it trusts, obtained out of band).
 * </ul>
 *
 * The export itself is an audit event (DICOM Export) of the auditor who asked.
 */
@RestController
final class AuditExport {


  private final JdbcTemplate jdbc;
  private final AuditLog log;
  private final ErrorResponseWriter errors;
  private final Clock clock = Clock.systemUTC();

  AuditExport(JdbcTemplate jdbc, AuditLog log, ErrorResponseWriter errors) {
    this.jdbc = jdbc;
    this.log = log;
    this.errors = errors;
  }

  @GetMapping(path = "/audit/export", produces = "application/zip")
  ResponseEntity<StreamingResponseBody> export(HttpServletRequest request) {
    // The door let only auditors through to here.
    Caller caller = CallerAuthentication.current().filter(auditor -> auditor.role() == Role.AUDITOR)
        .orElseThrow(() -> PassageError.FORBIDDEN.exception());
    long size = jdbc.queryForObject("select tree_size from psg_audit_head where id = 1", Long.class);
    log.append(new AuditRecord(AuditRecord.Kind.EXPORT, clock.instant(), caller.clientId(), null,
        caller.purposeOfUse().orElse(null), null, null, null, true, Set.of()));
    StreamingResponseBody body = out -> write(out, size);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"passage-audit-log-" + size + ".zip\"").body(body);
  }

  private void write(OutputStream out, long size) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry("events.ndjson"));
      try {
        AuditRows.stream(jdbc, "select event from psg_audit_event where position < ? order by position", row -> {
          try {
            zip.write(AuditSequencer.text(row.getObject(1)).getBytes(StandardCharsets.UTF_8));
            zip.write('\n');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, size);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      zip.closeEntry();
      for (var checkpoint : jdbc.queryForList("select tree_size, note from psg_audit_checkpoint where tree_size <= ?"
          + " order by tree_size", size)) {
        zip.putNextEntry(new ZipEntry("checkpoints/" + checkpoint.get("tree_size") + ".note"));
        zip.write(AuditSequencer.text(checkpoint.get("note")).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("keys.txt"));
      for (String key : jdbc.queryForList("select verifier_key from psg_audit_key order by first_used_at", String.class)) {
        zip.write((key + "\n").getBytes(StandardCharsets.UTF_8));
      }
      zip.closeEntry();
    }
  }

  @ExceptionHandler(PassageException.class)
  ResponseEntity<String> refused(PassageException error) {
    return errors.entity(error);
  }
}
