package org.passagegateway.gateway.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.util.Locale;

/**
 * The databases Passage runs on, recognised from the JDBC URL alone, so that choosing PostgreSQL
 * instead of the embedded H2 file is a matter of {@code spring.datasource.url}.
 */
enum DatabasePlatform {
  H2("jdbc:h2:", DriverTypeEnum.H2_EMBEDDED, HapiFhirH2Dialect.class.getName()),
  POSTGRESQL("jdbc:postgresql:", DriverTypeEnum.POSTGRES_9_4, HapiFhirPostgresDialect.class.getName());

  private final String urlPrefix;
  private final DriverTypeEnum migratorDriver;
  private final String hibernateDialect;

  DatabasePlatform(String urlPrefix, DriverTypeEnum migratorDriver, String hibernateDialect) {
    this.urlPrefix = urlPrefix;
    this.migratorDriver = migratorDriver;
    this.hibernateDialect = hibernateDialect;
  }

  static DatabasePlatform fromJdbcUrl(String jdbcUrl) {
    String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    for (DatabasePlatform platform : values()) {
      if (url.startsWith(platform.urlPrefix)) {
        return platform;
      }
    }
    throw new IllegalStateException(
        "Unsupported database in spring.datasource.url: Passage runs on H2 (jdbc:h2:) and PostgreSQL (jdbc:postgresql:)");
  }

  DriverTypeEnum migratorDriver() {
    return migratorDriver;
  }

  String hibernateDialect() {
    return hibernateDialect;
  }
}
