package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.migrate.MigrationResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.TestDatabases;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Gateway nodes started together on an empty PostgreSQL database (as the cluster script starts
 * three) each migrate HAPI's schema and run Liquibase: all of them start, and each is done once.
 */
class SchemaMigrationOnPostgresTest {

  private static final int NODES = 3;

  @Test
  void whenThreeNodesMigrateAnEmptyDatabaseAtOnceThenEachSucceedsAndOneAppliesTheTasks() throws Exception {
    String schema = "migration_race_" + UUID.randomUUID().toString().replace("-", "");
    execute("create schema " + schema);
    ExecutorService nodes = Executors.newFixedThreadPool(NODES);
    try {
      CyclicBarrier together = new CyclicBarrier(NODES);
      List<Future<MigrationResult>> started = new ArrayList<>();
      for (int node = 0; node < NODES; node++) {
        started.add(nodes.submit(() -> {
          HapiSchemaMigration migration = new HapiSchemaMigration(dataSource(schema), DatabasePlatform.POSTGRESQL);
          together.await();
          return migration.migrate();
        }));
      }
      List<Integer> applied = new ArrayList<>();
      for (Future<MigrationResult> node : started) {
        MigrationResult result = node.get();
        assertThat(result.failedTasks).isEmpty();
        applied.add(result.succeededTasks.size());
      }
      assertThat(applied).as("tasks applied by each node").filteredOn(count -> count > 0).hasSize(1);
      assertThat(applied).filteredOn(count -> count == 0).hasSize(NODES - 1);
    } finally {
      nodes.shutdownNow();
      execute("drop schema " + schema + " cascade");
    }
  }

  @Test
  void whenThreeNodesRunLiquibaseOnAnEmptyDatabaseAtOnceThenEachSucceedsAndEveryChangesetIsAppliedOnce() throws Exception {
    String schema = "liquibase_race_" + UUID.randomUUID().toString().replace("-", "");
    execute("create schema " + schema);
    ExecutorService nodes = Executors.newFixedThreadPool(NODES);
    try {
      CyclicBarrier together = new CyclicBarrier(NODES);
      List<Future<Void>> started = new ArrayList<>();
      for (int node = 0; node < NODES; node++) {
        started.add(nodes.submit(() -> {
          LockedLiquibase liquibase = new LockedLiquibase(DatabasePlatform.POSTGRESQL);
          liquibase.setDataSource(dataSource(schema));
          liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
          liquibase.setResourceLoader(new DefaultResourceLoader());
          together.await();
          liquibase.afterPropertiesSet();
          return null;
        }));
      }
      for (Future<Void> node : started) {
        node.get();
      }
      try (Connection connection = dataSource(schema).getConnection(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("select count(*), count(distinct id || author || filename) from databasechangelog")) {
        rows.next();
        assertThat(rows.getInt(1)).as("changesets applied").isPositive().isEqualTo(rows.getInt(2));
      }
    } finally {
      nodes.shutdownNow();
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
