package org.passagegateway.gateway.cluster;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.passagegateway.gateway.error.DatabaseFailures;

/**
 * Tells the connection pool to drop every connection whose server answered that it can no longer
 * serve this gateway ({@link DatabaseFailures}): besides a lost connection, which the pool drops
 * anyway, a server shutting down (a primary being stopped or demoted, {@code 57P01}) or not taking
 * connections yet, so that no pooled connection outlives a failover. Named in
 * {@code spring.datasource.hikari.exception-override-class-name}.
 */
public final class StandbyConnectionEviction implements SQLExceptionOverride {

  @java.lang.Override
  public Override adjudicate(SQLException thrown) {
    return DatabaseFailures.unavailableState(thrown.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
  }
}
