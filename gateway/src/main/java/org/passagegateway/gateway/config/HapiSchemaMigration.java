package org.passagegateway.gateway.config;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
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
 * <p>HAPI's lock is a row of that table, which HAPI creates without one: the whole migration runs
 * under {@link SchemaLock}.
 */
final class HapiSchemaMigration {

  static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
  private static final Logger log = LoggerFactory.getLogger(HapiSchemaMigration.class);

  private final DataSource dataSource;
  private final DatabasePlatform platform;

  HapiSchemaMigration(DataSource dataSource, DatabasePlatform platform) {
    this.dataSource = dataSource;
    this.platform = platform;
  }

  MigrationResult migrate() {
    return SchemaLock.around(dataSource, platform, this::migrateNow);
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
