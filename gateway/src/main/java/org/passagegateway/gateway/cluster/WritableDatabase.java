package org.passagegateway.gateway.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Part of the readiness probe: the node is ready only while it can get a connection to its
 * database and that database takes writes (on PostgreSQL, a primary, not a standby in recovery).
 * A node cut off from the database, or left on a demoted primary, leaves the load balancer's
 * rotation instead of failing every request it is given. Shows no detail (the probes show none).
 */
final class WritableDatabase extends AbstractHealthIndicator {

  private final DataSource dataSource;

  WritableDatabase(DataSource dataSource) {
    super("The database is not available");
    this.dataSource = dataSource;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        try (ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
          if (recovery.next() && recovery.getBoolean(1)) {
            builder.down();
            return;
          }
        }
      } else if (!connection.isValid(2)) {
        builder.down();
        return;
      }
      builder.up();
    }
  }
}
