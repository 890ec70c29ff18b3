package org.passagegateway.gateway.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Part of the readiness probe: the node is ready only while it can get a connection to its
 * database and that database takes writes (on PostgreSQL, a primary, not a standby in recovery).
 * A node cut off from the database, or left on a demoted primary, leaves the load balancer's
 * rotation instead of failing every request it is given.
 *
 * <p>The check has a connection of its own, outside the request pool: a node whose pool is busy
 * with requests is loaded, not cut off, and must stay in rotation. The answer comes within
 * {@link #LIMIT} whatever the database does: a check still waiting counts as not ready, and probes
 * that arrive meanwhile share that one check. Logs only when the answer changes, without detail;
 * the probes show none either.
 */
final class WritableDatabase implements HealthIndicator, DisposableBean {

  static final Duration LIMIT = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(WritableDatabase.class);

  private final DataSourceProperties database;
  private Connection connection;
  private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "passage-readiness");
    thread.setDaemon(true);
    return thread;
  });
  private CompletableFuture<Boolean> running;
  private volatile boolean lastAnswer = true;

  WritableDatabase(DataSourceProperties database) {
    this.database = database;
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

  /** Runs on the checker's one thread only. */
  private boolean check() {
    try {
      if (connection == null || !connection.isValid((int) LIMIT.toSeconds())) {
        closeConnection();
        connection = connect();
      }
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout((int) LIMIT.toSeconds());
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
          try (ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            return recovery.next() && !recovery.getBoolean(1);
          }
        }
        return true;
      }
    } catch (SQLException | RuntimeException unavailable) {
      closeConnection();
      return false;
    }
  }

  private Connection connect() throws SQLException {
    String url = database.determineUrl();
    Properties settings = new Properties();
    settings.setProperty("user", database.determineUsername());
    settings.setProperty("password", database.determinePassword() == null ? "" : database.determinePassword());
    if (url.startsWith("jdbc:postgresql:")) {
      settings.setProperty("connectTimeout", Long.toString(LIMIT.toSeconds()));
      settings.setProperty("loginTimeout", Long.toString(LIMIT.toSeconds()));
      settings.setProperty("socketTimeout", Long.toString(LIMIT.toSeconds() + 1));
      settings.setProperty("ApplicationName", "passage-readiness");
    }
    return DriverManager.getConnection(url, settings);
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // lost already
      }
      connection = null;
    }
  }

  @Override
  public void destroy() {
    checker.submit(this::closeConnection);
    checker.shutdown();
  }
}
