package org.passagegateway.gateway.cluster;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.passagegateway.gateway.error.DatabaseFailures;

/**
 * Tells the connection pool to drop a connection whose server answered that it can no longer
 * serve this gateway: besides a lost connection (which the pool drops anyway), a server that has
 * become a standby and refuses writes ({@code 25006}) or is shutting down. Without this, a pooled
 * connection to a demoted primary would fail every write given to it. Named in
 * {@code spring.datasource.hikari.exception-override-class-name}.
 */
public final class StandbyConnectionEviction implements SQLExceptionOverride {

  @java.lang.Override
  public Override adjudicate(SQLException thrown) {
    return DatabaseFailures.unavailableState(thrown.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
  }
}
