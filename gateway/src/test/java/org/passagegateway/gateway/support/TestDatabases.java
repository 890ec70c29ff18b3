package org.passagegateway.gateway.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where tests find PostgreSQL: {@code PASSAGE_TEST_JDBC_URL} if set; else a Testcontainers
 * PostgreSQL when a Docker engine runs; else a failure that says how to provide one. Tests never
 * skip for want of a database.
 */
public final class TestDatabases {

  public static final String JDBC_URL_VARIABLE = "PASSAGE_TEST_JDBC_URL";

  private static PostgreSQLContainer container;

  private TestDatabases() {}

  /** A JDBC URL (with user and password parameters) of a PostgreSQL database for tests. */
  public static synchronized String postgresJdbcUrl() {
    String configured = System.getenv(JDBC_URL_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (dockerAvailable()) {
      if (container == null) {
        container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
      }
      return container.getJdbcUrl() + "?user=" + container.getUsername() + "&password=" + container.getPassword();
    }
    throw new IllegalStateException(
        "This test needs PostgreSQL and found none. Set " + JDBC_URL_VARIABLE
            + "=jdbc:postgresql://HOST:5432/DB?user=USER&password=PASSWORD (scripts/test and .ci/run"
            + " do this with a fresh database on the local PostgreSQL), or run a Docker engine so"
            + " Testcontainers can start one.");
  }

  /** A query parameter of the PostgreSQL JDBC URL ("user", "password"), or "" if absent. */
  public static String urlParameter(String name) {
    String url = postgresJdbcUrl();
    int query = url.indexOf('?');
    if (query < 0) {
      return "";
    }
    for (String pair : url.substring(query + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
