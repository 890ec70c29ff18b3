package org.passagegateway.gateway.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Part of the readiness probe: the node is ready only while it can get a connection to its
 * database and that database takes writes (on PostgreSQL, a primary, not a standby in recovery).
 * A node cut off from the database, or left on a demoted primary, leaves the load balancer's
 * rotation instead of failing every request it is given.
 *
 * <p>The answer comes within {@link #LIMIT} whatever the database does: a check still waiting for
 * a connection counts as not ready, and probes that arrive meanwhile share that one check rather
 * than each waiting for a connection of their own. Logs only when the answer changes, without
 * detail; the probes show none either.
 */
final class WritableDatabase implements HealthIndicator, DisposableBean {

  static final Duration LIMIT = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(WritableDatabase.class);

  private final DataSource dataSource;
  private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "passage-readiness");
    thread.setDaemon(true);
    return thread;
  });
  private CompletableFuture<Boolean> running;
  private volatile boolean lastAnswer = true;

  WritableDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Health health() {
    boolean writable = writable();
    if (writable != lastAnswer) {
      lastAnswer = writable;
      if (writable) {
        log.info("The database takes writes again: this node is ready");
      } else {
        log.warn("The database is unreachable or does not take writes: this node is not ready");
      }
    }
    return writable ? Health.up().build() : Health.down().build();
  }

  private boolean writable() {
    CompletableFuture<Boolean> check;
    synchronized (this) {
      if (running == null || running.isDone()) {
        running = CompletableFuture.supplyAsync(this::check, checker);
      }
      check = running;
    }
    try {
      return check.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException stillWaiting) {
      return false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean check() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout((int) LIMIT.toSeconds());
      if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        try (ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
          return recovery.next() && !recovery.getBoolean(1);
        }
      }
      return connection.isValid((int) LIMIT.toSeconds());
    } catch (SQLException | RuntimeException unavailable) {
      return false;
    }
  }

  @Override
  public void destroy() {
    checker.shutdownNow();
  }
}
