package org.passagegateway.gateway.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a request failed because the database could not be reached or could not take writes
 * (a failover, a standby answering for a demoted primary, a full pool), or because it lost to
 * another write at the same time: the one place that tells such failures, transient ones the
 * client should retry, from a bug.
 */
public final class DatabaseFailures {

  /**
   * SQLSTATEs of a lost or refused connection or a server shutting down. Not 25006 (a write in a
   * read-only transaction): a demoted primary restarts and closes every connection, and a new one
   * reaches only a primary ({@code targetServerType=primary}), so 25006 would be a bug, a 500.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of(
      "57P01", // admin_shutdown (a primary stopped or demoted)
      "57P02", // crash_shutdown
      "57P03", // cannot_connect_now (starting up, or a standby not accepting connections yet)
      "53300"); // too_many_connections

  /**
   * SQLSTATEs of a write that lost to another one at the same time: nothing was written, and the
   * same request sent again may succeed. PostgreSQL's serialization failure and deadlock, a lock
   * not available (NOWAIT), and H2's deadlock and lock timeout.
   */
  private static final Set<String> CONFLICT_STATES = Set.of(
      "40001", // serialization_failure (PostgreSQL); a deadlock (H2)
      "40P01", // deadlock_detected
      "55P03", // lock_not_available
      "HYT00"); // a lock timeout (H2)

  /** The same, as the persistence libraries name it when no SQLSTATE comes with it. */
  private static final Set<String> CONFLICT_CLASSES = Set.of(
      "org.springframework.dao.PessimisticLockingFailureException",
      "org.springframework.dao.CannotAcquireLockException",
      "org.springframework.dao.CannotSerializeTransactionException",
      "org.springframework.dao.DeadlockLoserDataAccessException",
      "org.hibernate.exception.LockAcquisitionException",
      "org.hibernate.PessimisticLockException",
      "jakarta.persistence.PessimisticLockException",
      "jakarta.persistence.LockTimeoutException");

  private static final int MAX_DEPTH = 32;

  private DatabaseFailures() {}

  /** Whether this exception, or any of its causes, says the database is unavailable. */
  public static boolean unavailable(Throwable thrown) {
    return anyCause(thrown, current -> unavailableItself(current)
        || current instanceof SQLException sql && sql.getNextException() != null
            && unavailableItself(sql.getNextException()));
  }

  /**
   * Whether this exception, or any of its causes, says the request lost to another writing the same
   * rows at the same time (a deadlock, a serialization failure, a lock it could not take): a
   * conflict the client may retry, never a 500.
   */
  public static boolean conflicted(Throwable thrown) {
    return anyCause(thrown, current -> CONFLICT_CLASSES.contains(current.getClass().getName())
        || current instanceof SQLException sql && (conflictState(sql.getSQLState())
            || sql.getNextException() != null && conflictState(sql.getNextException().getSQLState())));
  }

  /** Whether the exception or any of its causes (cycles and very long chains cut short) is one. */
  private static boolean anyCause(Throwable thrown, java.util.function.Predicate<Throwable> test) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable current = thrown;
    for (int depth = 0; current != null && depth < MAX_DEPTH && seen.put(current, Boolean.TRUE) == null; depth++) {
      if (test.test(current)) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }

  private static boolean conflictState(String sqlState) {
    return sqlState != null && CONFLICT_STATES.contains(sqlState);
  }

  /** Whether an SQLSTATE says the connection is lost or the server cannot take the request. */
  public static boolean unavailableState(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
  }

  /**
   * The pool's answer for a connection it closed after the connection was lost (a later commit or
   * rollback on it): an SQLException with no SQLSTATE, thrown by Hikari's closed-connection proxy.
   */
  private static boolean closedByThePool(SQLException sql) {
    StackTraceElement[] stack = sql.getStackTrace();
    return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage()) && stack.length > 0
        && stack[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
  }

  private static boolean unavailableItself(Throwable thrown) {
    if (thrown instanceof SQLTransientConnectionException) {
      return true; // the pool gave no connection in time
    }
    if (thrown instanceof SQLException sql) {
      return unavailableState(sql.getSQLState()) || closedByThePool(sql);
    }
    String name = thrown.getClass().getName();
    return name.equals("org.springframework.transaction.CannotCreateTransactionException")
        || name.equals("org.springframework.dao.DataAccessResourceFailureException")
        || name.equals("org.hibernate.exception.JDBCConnectionException");
  }
}
