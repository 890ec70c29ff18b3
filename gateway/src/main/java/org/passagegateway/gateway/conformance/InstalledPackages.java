package org.passagegateway.gateway.conformance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code psg_fhir_package} table: which build (content hash) of a package is installed. */
final class InstalledPackages {

  private final JdbcTemplate jdbc;

  InstalledPackages(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> contentHash(String packageId, String version) {
    return jdbc
        .queryForList(
            "SELECT content_sha256 FROM psg_fhir_package WHERE package_id = ? AND package_version = ?",
            String.class, packageId, version)
        .stream()
        .findFirst();
  }

  void record(String packageId, String version, String sha256, Instant at) {
    int updated = jdbc.update(
        "UPDATE psg_fhir_package SET content_sha256 = ?, installed_at = ? WHERE package_id = ? AND package_version = ?",
        sha256, Timestamp.from(at), packageId, version);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO psg_fhir_package (package_id, package_version, content_sha256, installed_at) VALUES (?, ?, ?, ?)",
          packageId, version, sha256, Timestamp.from(at));
    }
  }
}
