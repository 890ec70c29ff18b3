package org.passagegateway.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads every row of a query over the whole log a block at a time (a cursor, 1,000 rows per
 * fetch), never all at once: PostgreSQL's driver otherwise holds the entire result in memory, and
 * a log of a million events does not fit in a gateway's heap. For verification and export.
 */
final class AuditRows {

  private static final int FETCH = 1_000;

  private AuditRows() {}

  static void stream(JdbcTemplate jdbc, String sql, RowCallbackHandler handler, Object... arguments) {
    jdbc.execute((Connection connection) -> {
      boolean autoCommit = connection.getAutoCommit();
      // PostgreSQL fetches by cursor only inside a transaction; a read changes nothing to commit.
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(FETCH);
        for (int i = 0; i < arguments.length; i++) {
          statement.setObject(i + 1, arguments[i]);
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            handler.processRow(rows);
          }
        }
      } finally {
        if (autoCommit) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      }
      return null;
    });
  }
}
