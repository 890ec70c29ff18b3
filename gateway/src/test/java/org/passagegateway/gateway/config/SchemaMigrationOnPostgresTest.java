package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.migrate.MigrationResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AtOnce;
import org.passagegateway.gateway.support.TestDatabases;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Gateway nodes started together on an empty PostgreSQL database (as the cluster script starts
 * three) each migrate HAPI's schema and run Liquibase: all of them start, and each is done once.
 */
class SchemaMigrationOnPostgresTest {

  private static final int NODES = 3;

  /** Work on an empty schema of the test database, dropped afterwards. */
  private interface OnSchema {
    void run(String schema) throws Exception;
  }

  @Test
  void whenThreeNodesMigrateAnEmptyDatabaseAtOnceThenEachSucceedsAndOneAppliesTheTasks() throws Exception {
    onEmptySchema(schema -> {
      List<MigrationResult> results = AtOnce.run(NODES,
          () -> new HapiSchemaMigration(dataSource(schema), DatabasePlatform.POSTGRESQL).migrate());
      assertThat(results).allSatisfy(result -> assertThat(result.failedTasks).isEmpty());
      List<Integer> applied = results.stream().map(result -> result.succeededTasks.size()).toList();
      assertThat(applied).as("tasks applied by each node").filteredOn(count -> count > 0).hasSize(1);
      assertThat(applied).filteredOn(count -> count == 0).hasSize(NODES - 1);
    });
  }

  @Test
  void whenThreeNodesRunLiquibaseOnAnEmptyDatabaseAtOnceThenEachSucceedsAndEveryChangesetIsAppliedOnce() throws Exception {
    onEmptySchema(schema -> {
      AtOnce.run(NODES, () -> {
        LockedLiquibase liquibase = new LockedLiquibase(DatabasePlatform.POSTGRESQL);
        liquibase.setDataSource(dataSource(schema));
        liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
        return null;
      });
      try (Connection connection = dataSource(schema).getConnection(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("select count(*), count(distinct id || author || filename) from databasechangelog")) {
        rows.next();
        assertThat(rows.getInt(1)).as("changesets applied").isPositive().isEqualTo(rows.getInt(2));
      }
    });
  }

  private static void onEmptySchema(OnSchema work) throws Exception {
    String schema = "migration_race_" + UUID.randomUUID().toString().replace("-", "");
    execute("create schema " + schema);
    try {
      work.run(schema);
    } finally {
      execute("drop schema " + schema + " cascade");
    }
  }

  private static PGSimpleDataSource dataSource(String schema) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(TestDatabases.postgresJdbcUrl());
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(TestDatabases.postgresJdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
