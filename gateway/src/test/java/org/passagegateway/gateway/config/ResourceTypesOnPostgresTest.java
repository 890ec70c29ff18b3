package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.cache.IResourceTypeCacheSvc;
import ca.uhn.fhir.jpa.dao.data.IResourceTypeDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.PostgresGatewayTest;
import org.passagegateway.gateway.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HAPI's table of resource types is filled by one node at a time: a node starting while another
 * holds the schema lock (migrating, or filling the table itself) waits for it, and then finds what
 * that node committed instead of inserting the same rows again.
 */
class ResourceTypesOnPostgresTest extends PostgresGatewayTest {

  @Autowired
  private IResourceTypeCacheSvc resourceTypeCache;
  @Autowired
  private IHapiTransactionService transactions;
  @Autowired
  private IResourceTypeDao resourceTypes;
  @Autowired
  private MemoryCacheService memory;
  @Autowired
  private DataSource dataSource;
  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void whenAnotherNodeHoldsTheSchemaLockThenAStartingNodeReadsTheResourceTypesOnlyOnceItIsReleased() throws Exception {
    assertThat(resourceTypeCache).as("the gateway's resource type cache").isInstanceOf(LockedResourceTypeCache.class);
    try (Connection otherNode = DriverManager.getConnection(TestDatabases.postgresJdbcUrl())) {
      otherNode.setAutoCommit(false);
      try (Statement statement = otherNode.createStatement()) {
        statement.execute("select pg_advisory_xact_lock(" + SchemaLock.KEY + ")");
      }
      LockedResourceTypeCache starting =
          new LockedResourceTypeCache(transactions, resourceTypes, memory, dataSource, DatabasePlatform.POSTGRESQL);
      CompletableFuture<Void> start = CompletableFuture.runAsync(starting::start);

      assertThat(waitsForTheSchemaLock(start)).as("the starting node waits for the schema lock").isTrue();
      assertThat(start).as("nothing read while the other node holds the lock").isNotDone();

      otherNode.rollback();
      start.get(2, TimeUnit.MINUTES);
    }
    assertThat(resourceTypeCache.getResourceTypeId("Task")).as("Task's id, as the table has it")
        .isEqualTo(jdbc.queryForObject("select res_type_id from hfj_resource_type where res_type = 'Task'", Short.class));
  }

  /** Whether a session waits for the schema lock before {@code start} ends (which it must not). */
  private static boolean waitsForTheSchemaLock(CompletableFuture<Void> start) throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
    try (Connection observer = DriverManager.getConnection(TestDatabases.postgresJdbcUrl());
        Statement statement = observer.createStatement()) {
      while (!start.isDone() && Instant.now().isBefore(giveUp)) {
        try (ResultSet waiting = statement.executeQuery("select count(*) from pg_locks where locktype = 'advisory'"
            + " and not granted and ((classid::bigint << 32) | objid::bigint) = " + SchemaLock.KEY)) {
          waiting.next();
          if (waiting.getInt(1) > 0) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
