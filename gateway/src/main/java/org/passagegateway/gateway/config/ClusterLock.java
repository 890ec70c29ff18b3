package org.passagegateway.gateway.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);

  private final DataSource dataSource;

  public ClusterLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> T run(String lockName, Supplier<T> work) {
    Connection connection = take(lockName);
    try {
      return work.get();
    } finally {
      release(connection);
    }
  }

  private Connection take(String lockName) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      acquire(connection, lockName);
      return connection;
    } catch (SQLException | RuntimeException e) {
      if (connection != null) {
        release(connection);
      }
      if (e instanceof RuntimeException unexpected) {
        throw unexpected;
      }
      throw new NotTaken(lockName, (SQLException) e);
    }
  }

  /**
   * Ends the lock's transaction. When the lock's connection was lost meanwhile (a database
   * failover), the database has released the lock already; the work done stands, so that is no
   * failure of the work.
   */
  private static void release(Connection connection) {
    try (connection) {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException lost) {
      log.warn("The connection holding a cluster lock was lost ({}); the database released the lock",
          lost.getClass().getSimpleName());
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
