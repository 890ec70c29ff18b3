package org.passagegateway.gateway.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One-at-a-time work across gateway nodes sharing a database: the work runs while this node
 * holds a row lock ({@code SELECT ... FOR UPDATE}) on its row of {@code psg_lock}, on a
 * connection of its own. Standard SQL, the same on H2 and PostgreSQL.
 */
public final class ClusterLock {

  /** The lock could not be taken (on H2, another node held it longer than the lock wait). */
  public static final class NotTaken extends IllegalStateException {
    NotTaken(String lockName, SQLException cause) {
      super("Could not take the cluster lock " + lockName, cause);
    }
  }

  private final DataSource dataSource;

  public ClusterLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> T run(String lockName, Supplier<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        acquire(connection, lockName);
        return work.get();
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new NotTaken(lockName, e);
    }
  }

  private static void acquire(Connection connection, String lockName) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT lock_name FROM psg_lock WHERE lock_name = ? FOR UPDATE")) {
      select.setString(1, lockName);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("No row for the cluster lock " + lockName + " in psg_lock");
        }
      }
    }
  }
}
