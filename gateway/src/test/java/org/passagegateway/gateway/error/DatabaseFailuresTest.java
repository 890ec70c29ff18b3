package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the database's unavailability (a 503 to retry) and which are not (a 4xx or a bug). */
class DatabaseFailuresTest {

  static Stream<Arguments> failures() {
    SQLException lost = new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE);
    return Stream.of(
        Arguments.of("a lost connection (08006)", lost, true),
        Arguments.of("a refused connection (08001)", new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT), true),
        Arguments.of("a primary shut down (57P01)", new SQLException("terminating", "57P01"), true),
        Arguments.of("a server starting up (57P03)", new SQLException("starting", "57P03"), true),
        Arguments.of("a write in a read-only transaction (25006): a bug, never a standby", new SQLException("read-only", "25006"), false),
        Arguments.of("too many connections (53300)", new SQLException("too many", "53300"), true),
        Arguments.of("the pool timing out", new SQLTransientConnectionException("timeout"), true),
        Arguments.of("JdbcTemplate's translation of a lost connection", new DataAccessResourceFailureException("x", lost), true),
        Arguments.of("JdbcTemplate's connection failure", new CannotGetJdbcConnectionException("x", new SQLTransientConnectionException("t")), true),
        Arguments.of("a transaction that could not begin", new CannotCreateTransactionException("x"), true),
        Arguments.of("Hibernate's connection failure", new JDBCConnectionException("x", lost), true),
        Arguments.of("HAPI's wrapper around a JPA failure",
            new InternalErrorException("x", new JpaSystemException(new RuntimeException("y", lost))), true),
        Arguments.of("a chained next exception", nextOf(lost), true),
        Arguments.of("the pool's closed connection, used after it was lost", closedByThePool(), true),
        Arguments.of("the same words from elsewhere", new SQLException("Connection is closed"), false),
        Arguments.of("a unique violation (23505)", new SQLException("dup", "23505"), false),
        Arguments.of("a deadlock (40P01)", new SQLException("deadlock", "40P01"), false),
        Arguments.of("Spring's integrity violation", new DataIntegrityViolationException("x", new SQLException("dup", "23505")), false),
        Arguments.of("a bug", new NullPointerException(), false),
        Arguments.of("a cause cycle", cycle(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void whenAFailureIsClassifiedThenOnlyUnavailabilityIsUnavailable(String what, Throwable thrown, boolean unavailable) {
    assertThat(DatabaseFailures.unavailable(thrown)).isEqualTo(unavailable);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void whenTheTranslatorMeetsAFailureThenUnavailabilityIsA503WithRetryAfter(String what, Throwable thrown, boolean unavailable) {
    PassageException translated = new ErrorTranslator().translate(thrown, true, CallerValues.none());
    assertThat(translated.getStatusCode()).isEqualTo(unavailable ? 503 : translated.getStatusCode());
    assertThat(translated.error() == PassageError.DATABASE_UNAVAILABLE).isEqualTo(unavailable);
    if (unavailable) {
      assertThat(translated.getResponseHeaders()).containsEntry("Retry-After", java.util.List.of("5"));
    }
  }

  static Stream<Arguments> conflicts() {
    return Stream.of(
        Arguments.of("a PostgreSQL deadlock (40P01)", new SQLException("deadlock detected", "40P01"), true),
        Arguments.of("a serialization failure (40001)", new SQLException("could not serialize", "40001"), true),
        Arguments.of("a lock not available (55P03)", new SQLException("NOWAIT", "55P03"), true),
        Arguments.of("an H2 lock timeout (HYT00)", new SQLException("Timeout trying to lock table", "HYT00"), true),
        Arguments.of("HAPI's wrapper around a deadlock in a flush", new InternalErrorException("HAPI-0000: flush",
            new JpaSystemException(new RuntimeException("y", new SQLException("Deadlock detected", "40001")))), true),
        Arguments.of("JdbcTemplate's translation", new org.springframework.dao.CannotAcquireLockException("x"), true),
        Arguments.of("Hibernate's lock failure without a state", new org.hibernate.exception.LockAcquisitionException("x",
            new SQLException("x")), true),
        Arguments.of("a deadlock reported as a batch's next exception", nextOf(new SQLException("deadlock", "40P01")), true),
        Arguments.of("a unique violation (23505)", new SQLException("dup", "23505"), false),
        Arguments.of("a lost connection (08006)", new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE), false),
        Arguments.of("a bug", new NullPointerException(), false),
        Arguments.of("a cause cycle", cycle(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conflicts")
  void whenAWriteLostToAnotherThenItIsAConflictTheClientMayRetryNeverA500(String what, Throwable thrown,
      boolean conflict) {
    PassageException translated = new ErrorTranslator().translate(thrown, true,
        CallerValues.none());

    assertThat(DatabaseFailures.conflicted(thrown)).isEqualTo(conflict);
    if (conflict) {
      assertThat(translated.getStatusCode()).isEqualTo(409);
      assertThat(translated.error()).isEqualTo(PassageError.VERSION_CONFLICT);
      assertThat(translated.getMessage()).contains(ErrorTranslator.CONCURRENT_WRITE).doesNotContain("SQL", "ock detected");
    }
  }

  private static Throwable closedByThePool() {
    SQLException closed = new SQLException("Connection is closed");
    closed.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "invoke", null, -1)});
    return new org.hibernate.TransactionException("Unable to commit against JDBC Connection", closed);
  }

  private static SQLException nextOf(SQLException lost) {
    SQLException batch = new SQLException("batch entry failed", "XX000");
    batch.setNextException(lost);
    return batch;
  }

  private static Throwable cycle() {
    RuntimeException first = new RuntimeException("a");
    RuntimeException second = new RuntimeException("b", first);
    first.initCause(second);
    return first;
  }
}
