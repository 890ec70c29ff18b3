package org.passagegateway.gateway.config;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades HAPI FHIR's own schema with HAPI's migrator (the same tasks as the
 * {@code hapi-fhir-cli migrate-database} command), never with Hibernate's {@code update}.
 *
 * <p>It runs before the entity manager factory is built. On an empty database the migrator
 * initialises the current schema in one step; on an existing one it applies only the tasks its
 * table {@value #MIGRATION_TABLE} has not recorded, under a database lock, so several gateway
 * nodes starting at once migrate once.
 *
 * <p>HAPI's lock is a row of that table, and HAPI creates the table without one: nodes starting
 * together on an empty PostgreSQL database each saw no table and created it, and all but one
 * failed to start. On PostgreSQL the whole migration therefore runs under a transaction-scoped
 * advisory lock taken on a connection of its own. (An H2 file is opened by one process only.)
 */
final class HapiSchemaMigration {

  static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
  /** The advisory lock's key: "PASSAGE" and 1 in ASCII; nothing else takes it. */
  static final long ADVISORY_LOCK = 0x5041535341474501L;
  private static final Logger log = LoggerFactory.getLogger(HapiSchemaMigration.class);

  private final DataSource dataSource;
  private final DatabasePlatform platform;

  HapiSchemaMigration(DataSource dataSource, DatabasePlatform platform) {
    this.dataSource = dataSource;
    this.platform = platform;
  }

  MigrationResult migrate() {
    if (platform != DatabasePlatform.POSTGRESQL) {
      return migrateNow();
    }
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("select pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
        return migrateNow();
      } finally {
        lock.rollback();
        lock.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the lock under which HAPI's schema is migrated", e);
    }
  }

  private MigrationResult migrateNow() {
    HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, platform.migratorDriver());
    migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
    migrator.createMigrationTableIfRequired();
    MigrationResult result = migrator.migrate();
    log.info(
        "HAPI FHIR schema on {}: {} migration tasks applied, {} failed",
        platform,
        result.succeededTasks.size(),
        result.failedTasks.size());
    return result;
  }
}
