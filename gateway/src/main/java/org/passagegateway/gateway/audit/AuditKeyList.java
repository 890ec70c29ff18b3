package org.passagegateway.gateway.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/audit-keys} (admins, behind the door): the verifier keys that have signed the
 * log's checkpoints, as the gateway recorded them, with when each was first used and which one
 * signs now. An admin hands these to auditors out of band; the console trusts only the keys an
 * auditor pinned, never this list.
 */
@RestController
final class AuditKeyList {

  private final JdbcTemplate jdbc;
  private final String signing;

  AuditKeyList(JdbcTemplate jdbc, AuditProperties properties, Ed25519PrivateKeyParameters auditCheckpointKey) {
    this.jdbc = jdbc;
    this.signing = new NoteKey(properties.origin(), auditCheckpointKey.generatePublicKey().getEncoded()).verifierKey();
  }

  @GetMapping(path = "/admin/audit-keys", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> keys() {
    return jdbc.query("select verifier_key, first_used_at from psg_audit_key order by first_used_at", (row, index) -> {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("verifier_key", row.getString(1));
      key.put("first_used_at", row.getTimestamp(2).toInstant().toString());
      key.put("signing", signing.equals(row.getString(1)));
      return key;
    });
  }
}
