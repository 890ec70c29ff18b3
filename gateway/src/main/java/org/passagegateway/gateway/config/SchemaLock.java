package org.passagegateway.gateway.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One gateway node at a time changes the schema of a shared PostgreSQL database: HAPI's migrator
 * and Liquibase each run under a transaction-scoped advisory lock, taken on a connection of its
 * own and released when that transaction ends.
 *
 * <p>Both tools lock with a row of a table they create first, and create it without a lock: nodes
 * starting together on an empty database each saw no table, created it, and all but one failed to
 * start (HAPI's {@code FLY_HFJ_MIGRATION}, seen in the cluster slice; Liquibase's tables next, once
 * HAPI's were serialized). HAPI's table of resource types, which HAPI fills when it finds it
 * empty, is filled under it too ({@link LockedResourceTypeCache}). An H2 file is opened by one
 * process only, so there is nothing to lock. ({@link ClusterLock} cannot serve here: its table is
 * one of those Liquibase creates.)
 */
final class SchemaLock {

  /** The advisory lock's key: "PASSAGE" and 1 in ASCII; nothing else takes it. */
  static final long KEY = 0x5041535341474501L;

  /** A migration, which may fail with its tool's own exception. */
  interface Migration<T, E extends Exception> {
    T run() throws E;
  }

  private SchemaLock() {}

  static <T, E extends Exception> T around(DataSource dataSource, DatabasePlatform platform, Migration<T, E> migration)
      throws E {
    if (platform != DatabasePlatform.POSTGRESQL) {
      return migration.run();
    }
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("select pg_advisory_xact_lock(" + KEY + ")");
        return migration.run();
      } finally {
        lock.rollback();
        lock.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the lock under which the schema is migrated", e);
    }
  }
}
