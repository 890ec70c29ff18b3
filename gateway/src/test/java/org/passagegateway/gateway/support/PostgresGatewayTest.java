package org.passagegateway.gateway.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway on the test PostgreSQL database (see {@link TestDatabases}), with the demo network
 * loaded. Every subclass shares the one Spring context.
 */
public abstract class PostgresGatewayTest extends GatewayTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestDatabases::postgresJdbcUrl);
    registry.add("spring.datasource.username", () -> TestDatabases.urlParameter("user"));
    registry.add("spring.datasource.password", () -> TestDatabases.urlParameter("password"));
  }
}
